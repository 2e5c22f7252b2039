# peakstaff build targets. `make demo` and `make test` are the two Quickstart commands.
GO      ?= go
BIN     := bin/peakstaff
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/peakstaff/peakstaff/cmd/internal/root.Version=$(VERSION)
export CGO_ENABLED ?= 0

.PHONY: build test bench demo lint fuzz clean report-samples

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/peakstaff

# The reference tests read ../shared/data (real exports and series that the
# repository may not redistribute). Where it is missing they skip, and the
# line after the run names them; PEAKSTAFF_REQUIRE_REFDATA=1 (set by .ci/run)
# makes them fail instead.
test:
	$(GO) vet ./...
	@echo "$(GO) test ./..."; skips=$$(mktemp); \
	PEAKSTAFF_REFDATA_SKIPS="$$skips" $(GO) test ./...; rc=$$?; \
	sort -u "$$skips" | awk -F'\t' '{ split($$2, top, "/"); t = $$1 "." top[1]; \
		if (!(t in seen)) { seen[t] = 1; n++; tests = tests (n > 1 ? ", " : "") t } \
		if (!($$3 in gone)) { gone[$$3] = 1; paths = paths (paths != "" ? ", " : "") $$3 } } \
		END { if (n) printf "skipped %d reference tests, their data is missing (%s): %s; PEAKSTAFF_REQUIRE_REFDATA=1 makes them fail\n", n, paths, tests }'; \
	rm -f "$$skips"; exit $$rc

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

demo: build
	./scripts/demo.sh

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# Every report output of the report tests' plan, in English and Chinese,
# for a person to open: out/report-samples/{en,zh}.
report-samples:
	$(GO) generate ./report

# Short fuzzing pass over every fuzz target (FUZZTIME per target).
FUZZTIME ?= 20s
fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

clean:
	rm -rf bin out
