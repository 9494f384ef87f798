# raat — make targets. The two a newcomer needs:
#   make demo   runs the forecast on the embedded Twente demo region
#   make test   runs every test (vet, the import boundary, go test -race),
#               after scripts/test-deps has installed the programs they need
# and for the inner loop:
#   make test-short   go test -short: no race detector, no browser, no server processes

GO      ?= go
OUT     ?= out
PKGS    := ./...
# Packages the pure model must never import: file formats, plotting,
# columnar I/O, HTTP and databases live at the edges.
BANNED  := github.com/xuri/excelize|github.com/apache/arrow|gonum.org/v1/plot|net/http|database/sql|modernc.org/sqlite|go.yaml.in

.PHONY: all build demo test test-short test-deps lint vet staticcheck check bench fuzz mutants clean

all: build test

build:
	$(GO) build -o raat ./cmd/raat

demo:
	$(GO) run ./cmd/raat run --out $(OUT)

# RAAT_REQUIRE_TOOLS=1: a test whose outside program (Chromium, pdftotext,
# node and the readers) is missing fails instead of being skipped. Vet runs
# with -race here so that it and the race-built tests share one compile of
# every package: on a fresh machine that halves the compile time.
test: VETFLAGS = -race
test: test-deps vet check readers
	RAAT_REQUIRE_TOOLS=1 $(GO) test -race -count=1 $(PKGS)

# test-short installs nothing: a test whose program is missing is skipped,
# and the first line names the missing packages.
test-short:
	@scripts/test-deps --check || true
	$(GO) test -short $(PKGS)

# test-deps: the Debian packages the tests need (the list is in the script).
test-deps:
	@scripts/test-deps test

# readers: the independent readers (DuckDB for Parquet, Apache Arrow JS for
# Arrow IPC, from npm at the versions in tools/readers/package-lock.json)
# that arrowio's tests check the files against. npm comes from test-deps.
.PHONY: readers
readers: tools/readers/node_modules/.package-lock.json
tools/readers/node_modules/.package-lock.json: tools/readers/package.json tools/readers/package-lock.json | test-deps
	npm ci --prefix tools/readers --no-audit --no-fund

# notebooks: export the demo (six scenarios, 1,000 draws, fixed seed) as
# Parquet and execute the analysis notebooks headless with Debian's Jupyter
# (/usr/bin/python3 with pandas and matplotlib), rewriting them in place
# with their outputs; they read the Parquet file through DuckDB from
# tools/readers.
NOTEBOOK_SCENARIOS ?= basis,bol-naar-bbl,grotere-contracten,behoud,zij-instroom,raat-plan
.PHONY: notebooks
notebooks: build readers
	@scripts/test-deps notebooks
	SOURCE_DATE_EPOCH=0 ./raat export --scenario $(NOTEBOOK_SCENARIOS) --draws 1000 --seed 7 --out $(OUT)/notebooks
	cd notebooks && RAAT_RESULTS=../$(OUT)/notebooks/results.parquet \
		jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False *.ipynb

vet:
	$(GO) vet $(VETFLAGS) $(PKGS)

staticcheck:
	$(GO) tool staticcheck $(PKGS)

lint: vet staticcheck check

# OWNERS: each outside dependency lives in one package (STYLE.md): an
# import path prefix, then the package (with its subpackages) that alone
# may import it, tests included.
OWNERS  := gonum.org/v1/plot=raat/chart github.com/xuri/excelize=raat/ingest \
	github.com/apache/arrow=raat/arrowio database/sql=raat/store modernc.org/sqlite=raat/store

# check: the model stays pure and each outside dependency stays in its
# package (STYLE.md, "Enforce the boundary").
check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "not gofmt'ed:"; echo "$$unformatted"; exit 1; fi
	@bad=$$($(GO) list -deps ./forecast | grep -E '$(BANNED)' || true); \
	if [ -n "$$bad" ]; then echo "forecast imports packages it must not:"; echo "$$bad"; exit 1; fi; \
	echo "check: forecast imports no I/O, plotting or database packages"
	@bad=$$($(GO) list -f '{{.ImportPath}} {{join .Imports " "}} {{join .TestImports " "}} {{join .XTestImports " "}}' $(PKGS) | \
	awk -v owners="$(OWNERS)" 'BEGIN { n = split(owners, o, " "); for (i = 1; i <= n; i++) { split(o[i], kv, "="); dep[i] = kv[1]; own[i] = kv[2] } } \
	{ for (j = 2; j <= NF; j++) for (i = 1; i <= n; i++) \
		if (index($$j, dep[i]) == 1 && $$1 != own[i] && index($$1, own[i] "/") != 1) print $$1 " imports " $$j ": only " own[i] " may" }'); \
	if [ -n "$$bad" ]; then echo "$$bad"; exit 1; fi; \
	echo "check: gonum/plot only in chart, excelize only in ingest, Arrow only in arrowio, SQL only in store"

# attack: replay the attacks of issue 15 on the web application against a
# raat serve it starts on a temporary database (loopback only); exits 1 on
# any hole (tools/attack).
.PHONY: attack
attack: build
	$(GO) run ./tools/attack -serve ./raat

# bench: benchmarks, six runs each, summarised by benchstat.
BENCH ?= .
bench:
	mkdir -p $(OUT)
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -count 6 ./forecast | tee $(OUT)/bench.txt | $(GO) tool benchstat /dev/stdin

# bench-ingest: the employer-workbook reader on a workbook of a million
# Personeel rows, side by side with openpyxl in read-only mode: time
# (hyperfine), peak memory (/usr/bin/time -v) and the Go benchmark through
# benchstat, in $(OUT)/bench-ingest. Needs hyperfine, GNU time and Debian's
# python3-openpyxl (apt-get install hyperfine time python3-openpyxl).
.PHONY: bench-ingest
bench-ingest:
	GO=$(GO) OUT=$(OUT) ingest/bench/bench-ingest.sh

# mutants: mutation testing of the model and the scenarios with gremlins
# (pinned in go.mod's tool block): every mutant of an operator must make a
# test fail. It runs each package's -short tests (GOFLAGS) once per mutant,
# niced, and fails below MUTANT_EFFICACY percent killed of the mutants the
# tests cover; the results per mutant go to $(OUT)/mutants-PKG.json. A
# mutant's tests time out at MUTANT_TIMEOUT times the unmutated run (an
# endless loop is a timed-out mutant, which efficacy leaves out). Slow:
# some 40 minutes on 2 shared cores. (Not --test-cpu: gremlins 0.6 passes
# it to go test as one argument, "-cpu 1", which every test binary refuses,
# so that every mutant counts as killed.) -count=1: gremlins times its
# unmutated coverage run to set the timeouts, and a cached test result
# takes a fraction of a second, which times out every mutant. -vet=off:
# vet on each mutant costs about a third of the time, and a mutant must
# be caught by a test, not by vet.
MUTANT_PKGS     ?= forecast scenarios
MUTANT_EFFICACY ?= 95
MUTANT_WORKERS  ?= 2
MUTANT_TIMEOUT  ?= 8
mutants:
	mkdir -p $(OUT)
	@for p in $(MUTANT_PKGS); do \
		echo "gremlins: $$p"; \
		GOFLAGS="-short -count=1 -vet=off" nice $(GO) tool gremlins unleash --workers $(MUTANT_WORKERS) \
			--timeout-coefficient $(MUTANT_TIMEOUT) --threshold-efficacy $(MUTANT_EFFICACY) \
			--output $(OUT)/mutants-$$p.json ./$$p || exit 1; \
	done

# fuzz: a short run of every fuzz target (FUZZTIME each).
FUZZTIME ?= 20s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./region
	$(GO) test -run '^$$' -fuzz FuzzWriteReadsBack -fuzztime $(FUZZTIME) ./region
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./scenarios
	$(GO) test -run '^$$' -fuzz FuzzSheetRows -fuzztime $(FUZZTIME) ./ingest
	$(GO) test -run '^$$' -fuzz FuzzParseNumber -fuzztime $(FUZZTIME) ./ingest
	$(GO) test -run '^$$' -fuzz FuzzReadWorkbook -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./ingest
	$(GO) test -run '^$$' -fuzz FuzzCellValues -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./ingest

clean:
	rm -rf raat $(OUT)
