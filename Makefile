# creditrisk: make demo | make test | make bench | make golden | make notebooks | make fuzz
SWIFT ?= swift
APT_PACKAGES := liblapack-dev libblas-dev libopenblas-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps demo test lint bench bench-python golden notebooks fuzz clean

# LAPACK/BLAS from Debian; OpenBLAS is selected at run time through the alternatives system.
deps:
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) pkg-config; }

# Release builds link the Swift runtime and Foundation statically: the dynamic loader then has
# far fewer symbols to bind, and each run of creditrisk starts in ~10 ms instead of ~16 ms.
RELEASE := -c release --static-swift-stdlib

# Train, score and report on the bundled sample in datasets/; outputs land in out/demo.
demo: deps
	$(SWIFT) build $(RELEASE) --product creditrisk
	.build/release/creditrisk demo --out out/demo

# Unit, golden-value and end-to-end tests.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Formatting and the rules in .swift-format (swift-format ships with the toolchain).
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Benchmarks Fuzz

# Stage-by-stage timings at 10k, 100k and 1M simulated invoices (medians, peak memory).
bench: deps
	$(SWIFT) build $(RELEASE)
	.build/release/creditrisk-bench all

# The same job in pandas + statsmodels + lifelines on a 1M-invoice simulated history.
BENCH_DATA ?= /tmp/creditrisk-bench-1m
bench-python: deps
	$(SWIFT) build $(RELEASE) --product creditrisk
	pip install -q -r scripts/bench/requirements.txt
	[ -f $(BENCH_DATA)/history.csv ] || .build/release/creditrisk simulate --customers 20000 --invoices 1000000 --seed 1 --out $(BENCH_DATA)
	python3 scripts/bench/python_pipeline.py --history $(BENCH_DATA)/history.csv --customers $(BENCH_DATA)/customers.csv

# Regenerate the reference values (statsmodels, lifelines) the model tests compare against.
golden:
	pip install -q -r scripts/golden/requirements.txt
	python3 scripts/golden/generate.py

# libFuzzer + ASan on the CSV reader, history/customer loaders and date parser, for
# FUZZ_TIME seconds, seeded with the reader fixtures and the malformed-input corpus.
# The CreditData sources (and the Parallelism helper they use) are compiled into the fuzzer
# as one module. Crashes land in .build/fuzz/crash-*; add the input to Tests/Fixtures/bad/
# once fixed.
FUZZ_TIME ?= 60
FUZZ_DIR := .build/fuzz
fuzz:
	mkdir -p $(FUZZ_DIR)/corpus
	swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name CreditData \
	  -package-name creditrisk \
	  $$(find Sources/Parallelism Sources/CreditData -name '*.swift' | sort) Fuzz/HistoryFuzz.swift \
	  -o $(FUZZ_DIR)/history-fuzz
	cp Tests/Fixtures/bad/*.csv Tests/Fixtures/csv/*.csv $(FUZZ_DIR)/corpus/
	$(FUZZ_DIR)/history-fuzz -max_total_time=$(FUZZ_TIME) -max_len=8192 -timeout=10 \
	  -rss_limit_mb=1536 -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus

# Re-render notebooks-exported/: the sample's report, its backtest at 2025-09-30, and the
# validation against statsmodels/lifelines (needs Python; the first two are checked by make test).
notebooks: deps
	$(SWIFT) build --product creditrisk
	.build/debug/creditrisk report --history datasets/history.csv --customers datasets/customers.csv \
	  --fx datasets/fx-rates.csv \
	  --as-of 2025-12-31 --out notebooks-exported/demo-report.html
	.build/debug/creditrisk backtest --history datasets/history.csv --customers datasets/customers.csv \
	  --fx datasets/fx-rates.csv \
	  --cutoff 2025-09-30 --horizon 90 --markdown notebooks-exported/backtest-sample.md
	python3 scripts/notebooks/validation.py --binary .build/debug/creditrisk \
	  --out notebooks-exported/validation.md

clean:
	rm -rf .build out
