# raat — make targets. The two a newcomer needs:
#   make demo   runs the forecast on the embedded Twente demo region
#   make test   runs every test (vet, the import boundary, go test -race)

GO      ?= go
OUT     ?= out
PKGS    := ./...
# Packages the pure model must never import: file formats, plotting,
# columnar I/O, HTTP and databases live at the edges.
BANNED  := github.com/xuri/excelize|github.com/apache/arrow|gonum.org/v1/plot|net/http|database/sql|modernc.org/sqlite|go.yaml.in

.PHONY: all build demo test lint vet staticcheck check bench fuzz clean

all: build test

build:
	$(GO) build -o raat ./cmd/raat

demo:
	$(GO) run ./cmd/raat run --out $(OUT)

test: vet check
	$(GO) test -race -count=1 $(PKGS)

vet:
	$(GO) vet $(PKGS)

staticcheck:
	$(GO) tool staticcheck $(PKGS)

lint: vet staticcheck check

# check: the model stays pure (STYLE.md, "Enforce the boundary").
check:
	@bad=$$($(GO) list -deps ./forecast | grep -E '$(BANNED)' || true); \
	if [ -n "$$bad" ]; then echo "forecast imports packages it must not:"; echo "$$bad"; exit 1; fi; \
	echo "check: forecast imports no I/O, plotting or database packages"

# bench: benchmarks, six runs each, summarised by benchstat.
BENCH ?= .
bench:
	mkdir -p $(OUT)
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -count 6 ./forecast | tee $(OUT)/bench.txt | $(GO) tool benchstat /dev/stdin

# fuzz: a short run of every fuzz target (FUZZTIME each).
FUZZTIME ?= 20s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./region
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./scenarios

clean:
	rm -rf raat $(OUT)
