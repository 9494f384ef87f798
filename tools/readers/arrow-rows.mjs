// arrow-rows.mjs prints an Arrow IPC file as JSON, read with Apache Arrow
// JS, an implementation independent of the Go writer:
//
//	node arrow-rows.mjs FILE
//
// prints {"columns": [{"name", "type", "nullable"}], "metadata": {...},
// "rows": [[...], ...]}, every value as the reader returns it (numbers
// print in the shortest form that reads back to the same float64).
import { readFileSync } from "node:fs";
import { tableFromIPC } from "apache-arrow";

const file = process.argv[2];
if (!file) {
  console.error("usage: node arrow-rows.mjs FILE");
  process.exit(2);
}

const table = tableFromIPC(readFileSync(file));
const fields = table.schema.fields;
const columns = fields.map((f) => ({ name: f.name, type: String(f.type), nullable: f.nullable }));
const metadata = Object.fromEntries(table.schema.metadata);
const vectors = fields.map((_, i) => table.getChildAt(i));
const rows = [];
for (let r = 0; r < table.numRows; r++) {
  rows.push(vectors.map((v) => {
    const x = v.get(r);
    // Int64 would come back as BigInt, which JSON cannot hold; the schema
    // has none, but say so rather than fail obscurely.
    if (typeof x === "bigint") throw new Error(`column holds a 64-bit integer: ${x}`);
    return x;
  }));
}
process.stdout.write(JSON.stringify({ columns, metadata, rows }));
