// parquet-rows.mjs prints a Parquet file, or a query over it, as JSON,
// read with DuckDB, a Parquet implementation independent of the Go writer:
//
//	node parquet-rows.mjs FILE [SQL]
//
// The file is the view "results"; SQL defaults to "SELECT * FROM results".
// It prints {"columns": [{"name", "type"}], "metadata": {...}, "rows":
// [[...], ...]}: the columns and DuckDB types of the result, the file's
// key-value metadata, and the rows (numbers print in the shortest form
// that reads back to the same float64).
import { DuckDBInstance } from "@duckdb/node-api";

const [file, sql = "SELECT * FROM results"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node parquet-rows.mjs FILE [SQL]");
  process.exit(2);
}

const instance = await DuckDBInstance.create(":memory:");
const db = await instance.connect();
const quoted = "'" + file.replaceAll("'", "''") + "'";
await db.run(`CREATE VIEW results AS SELECT * FROM read_parquet(${quoted})`);

const meta = await db.runAndReadAll(
  `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${quoted})`);
const metadata = Object.fromEntries(meta.getRows());

const result = await db.runAndReadAll(sql);
const names = result.columnNames();
const types = result.columnTypes().map(String);
const columns = names.map((name, i) => ({ name, type: types[i] }));
const rows = result.getRowsJson();
process.stdout.write(JSON.stringify({ columns, metadata, rows }));
db.closeSync();
