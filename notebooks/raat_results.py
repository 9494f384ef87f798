"""Load raat's Parquet output (``raat export``) into pandas.

Debian packages no Python Parquet reader (no pyarrow, no duckdb, no
polars), so this module asks DuckDB, installed from npm in tools/readers,
to read the file: ``node tools/readers/parquet-rows.mjs FILE SQL`` prints
the result of a query over the view ``results`` as JSON, which becomes a
DataFrame here. Run ``npm ci --prefix tools/readers`` (``make notebooks``
does) before using it.

The table's columns, units and metadata are described in README.md and in
the arrowio package doc (arrowio/doc.go).
"""

import json
import pathlib
import shutil
import subprocess

import pandas as pd

REPO = pathlib.Path(__file__).resolve().parent.parent
READER = REPO / "tools" / "readers" / "parquet-rows.mjs"

# DuckDB's column types, as the reader prints them, to pandas dtypes.
# Integer columns with nulls (draw) become pandas' nullable Int64, the
# others (year) plain int64, which matplotlib and numpy take as they are.
_DTYPES = {"VARCHAR": "string", "DOUBLE": "float64", "BOOLEAN": "boolean"}
_INTEGERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"}


class Results:
    """A results.parquet file: query() returns DataFrames, metadata the
    file's raat.* key-value metadata."""

    def __init__(self, path):
        self.path = pathlib.Path(path).resolve()
        if not self.path.exists():
            raise FileNotFoundError(f"{self.path}: run `make notebooks` (or raat export) first")
        self.metadata = self._run("SELECT 1")[1]

    def query(self, sql="SELECT * FROM results"):
        """Runs SQL over the view ``results`` (the whole file) in DuckDB and
        returns the result as a DataFrame with pandas dtypes."""
        return self._run(sql)[0]

    def _run(self, sql):
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node not found: install Node.js (Debian: apt-get install nodejs npm)")
        if not (READER.parent / "node_modules" / "@duckdb" / "node-api").exists():
            raise RuntimeError(f"DuckDB is not installed in {READER.parent}: run `npm ci --prefix tools/readers`")
        proc = subprocess.run([node, str(READER), str(self.path), sql], capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"{READER.name} failed on {self.path}:\n{proc.stderr}")
        out = json.loads(proc.stdout)
        names = [c["name"] for c in out["columns"]]
        frame = pd.DataFrame(out["rows"], columns=names)
        for c in out["columns"]:
            name, typ = c["name"], c["type"].split("(")[0]
            if typ in _INTEGERS:
                dtype = "Int64" if frame[name].isna().any() else "int64"
            else:
                dtype = _DTYPES.get(typ)
            if dtype is not None:
                frame[name] = frame[name].astype(dtype)
        return frame, out["metadata"]
