#!/usr/bin/env bash
# bench-ingest: reads one workbook of a million Personeel rows with raat
# and with openpyxl (read-only mode), side by side, and reports time
# (hyperfine), peak memory (/usr/bin/time -v) and the Go benchmark
# (benchstat). Run by make bench-ingest; results land in $OUT/bench-ingest.
#
# Needs: hyperfine, GNU time, and Debian's python3-openpyxl for
# /usr/bin/python3 (apt-get install hyperfine time python3-openpyxl).
set -euo pipefail

GO=${GO:-go}
OUT=${OUT:-out}/bench-ingest
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-5}
COUNT=${COUNT:-6}
PY=/usr/bin/python3

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench-ingest: needs $1 ($2)" >&2; exit 1; }; }
need hyperfine "apt-get install hyperfine"
need /usr/bin/time "apt-get install time"
"$PY" -c 'import openpyxl' 2>/dev/null || { echo "bench-ingest: needs python3-openpyxl for $PY (apt-get install python3-openpyxl)" >&2; exit 1; }

mkdir -p "$OUT"
book="$OUT/personeel-$ROWS.xlsx"
if [ ! -f "$book" ]; then
	echo "writing $book ($ROWS rows on Personeel)"
	"$GO" run ./ingest/internal/bigbook/write.go -rows "$ROWS" -o "$book"
fi
ls -l "$book"
"$GO" build -o "$OUT/raat" ./cmd/raat

raat=("$OUT/raat" ingest "$book")
openpyxl=("$PY" ingest/bench/read_openpyxl.py "$book")

# raat refuses the file (its rows repeat keys) and exits 1: -i accepts that.
hyperfine --warmup 1 --runs "$RUNS" -i \
	--export-markdown "$OUT/hyperfine.md" --export-json "$OUT/hyperfine.json" \
	-n raat "${raat[*]}" -n openpyxl "${openpyxl[*]}"

for name in raat openpyxl; do
	declare -n cmd=$name
	/usr/bin/time -v "${cmd[@]}" >/dev/null 2>"$OUT/$name-time.txt" || true
	printf '%-9s peak RSS %s kB, wall %s\n' "$name" \
		"$(awk -F': ' '/Maximum resident/ {print $2}' "$OUT/$name-time.txt")" \
		"$(awk -F': ' '/Elapsed/ {print $2}' "$OUT/$name-time.txt")"
done | tee "$OUT/rss.txt"

"$GO" test -run '^$' -bench "ReadWorkbook/rows=$ROWS\$" -benchmem -count "$COUNT" ./ingest | tee "$OUT/bench.txt"
"$GO" tool benchstat "$OUT/bench.txt" | tee "$OUT/benchstat.txt"
