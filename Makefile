# creditrisk: make demo | make install | make test | make bench | make bench-scale | make golden | make notebooks | make fuzz
SWIFT ?= swift
APT_PACKAGES := liblapack-dev libblas-dev libopenblas-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps demo install test lint bench bench-scale bench-python golden notebooks fuzz fuzz-build clean spark-demo

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

# Puts the release binary on the PATH: $(BINDIR)/creditrisk, by default ~/.local/bin (as
# root /usr/local/bin); PREFIX=/opt/creditrisk make install gives /opt/creditrisk/bin.
PREFIX ?= $(if $(filter 0,$(shell id -u)),/usr/local,$(HOME)/.local)
BINDIR ?= $(PREFIX)/bin
install: deps
	$(SWIFT) build $(RELEASE) --product creditrisk
	install -d "$(BINDIR)"
	install -m 755 .build/release/creditrisk "$(BINDIR)/creditrisk"
	@echo "installed $(BINDIR)/creditrisk"
	@case ":$$PATH:" in *":$(BINDIR):"*) ;; \
	  *) echo "$(BINDIR) is not on your PATH: add 'export PATH=\"$(BINDIR):\$$PATH\"' to your shell's profile";; esac

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

# The scaling curve: train and score as processes at 1M, 10M and 100M invoices (wall time, peak
# RSS, bytes per invoice, ratios). The 100M history is about 10 GB under $TMPDIR (or /tmp),
# deleted afterwards; SCALE_SIZES=1000000,10000000 leaves 100M out.
SCALE_SIZES ?= 1000000,10000000,100000000
bench-scale: deps
	$(SWIFT) build $(RELEASE)
	.build/release/creditrisk-bench scale --sizes $(SCALE_SIZES)

# The same job in pandas + statsmodels + lifelines on a 1M-invoice simulated history.
BENCH_DATA ?= /tmp/creditrisk-bench-1m
bench-python: deps
	$(SWIFT) build $(RELEASE) --product creditrisk
	pip install -q -r scripts/bench/requirements.txt
	[ -f $(BENCH_DATA)/history.csv ] || .build/release/creditrisk simulate --customers 20000 --invoices 1000000 --seed 1 --out $(BENCH_DATA)
	python3 scripts/bench/python_pipeline.py --history $(BENCH_DATA)/history.csv --customers $(BENCH_DATA)/customers.csv

# Training on Apache Spark from shard statistics (local mode): a simulated book partitioned by
# customer, each partition piped through the creditrisk binary, the driver only moving
# statistics to creditrisk solve; checks the coefficients against train's (1e-9) and the score
# files. Installs Java 17 (apt) and pyspark (a venv under .build) when missing. Not in make test.
SPARK_VENV ?= .build/spark-venv
SPARK_WORK ?= .build/spark-demo
SPARK_SHARDS ?= 4
spark-demo: deps
	$(SWIFT) build $(RELEASE) --product creditrisk
	@java -version 2>&1 | grep -q 'version "\(17\|21\)\.' || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq openjdk-17-jre-headless; }
	@[ -x $(SPARK_VENV)/bin/python ] || python3 -m venv $(SPARK_VENV) || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv && \
	  python3 -m venv $(SPARK_VENV); }
	$(SPARK_VENV)/bin/pip install -q -r scripts/spark/requirements.txt
	rm -rf $(SPARK_WORK) && mkdir -p $(SPARK_WORK)
	$(SPARK_VENV)/bin/python scripts/spark/spark_demo.py --creditrisk .build/release/creditrisk \
	  --work $(SPARK_WORK) --shards $(SPARK_SHARDS)

# Regenerate the reference values (statsmodels, lifelines, R's survival) the model tests
# compare against.
golden:
	pip install -q -r scripts/golden/requirements.txt
	python3 scripts/golden/generate.py
	@command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(survival)' >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq r-base-core r-cran-survival; }
	Rscript scripts/golden/survival_r.R

# libFuzzer + ASan on every loader, each for FUZZ_TIME seconds: history-fuzz (the CSV reader,
# history/customer loaders and date parser; CreditData's sources and its entry compiled as one
# module), model-fuzz (model files: refused, or scored with finite outputs), policy-fuzz and
# ladder-fuzz (--policy and --ladder files, likewise). The modules are compiled with the same
# sanitizers, in dependency order, and linked into each fuzzer. Seeds: the reader fixtures, the
# malformed-input corpus and Fuzz/seeds. Crashes land in .build/fuzz/<name>-crash-*; add the
# input to Tests/Fixtures/bad/ once fixed. Run from the repository's root.
FUZZ_TIME ?= 60
FUZZ_DIR := .build/fuzz
FUZZ_FLAGS := -sanitize=fuzzer,address -parse-as-library -O -g -package-name creditrisk \
  -I $(FUZZ_DIR)/modules -I Sources/CLAPACK
FUZZ_MODULES := Parallelism CreditData LinearAlgebra CreditModels CreditSimulation CreditEngine \
  CreditReport
FUZZ_OPTIONS := -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
fuzz-build:
	mkdir -p $(FUZZ_DIR)/modules
	for m in $(FUZZ_MODULES); do \
	  swiftc $(FUZZ_FLAGS) -wmo -module-name $$m -emit-module \
	    -emit-module-path $(FUZZ_DIR)/modules/$$m.swiftmodule \
	    -c $$(find Sources/$$m -name '*.swift' | sort) -o $(FUZZ_DIR)/modules/$$m.o || exit 1; \
	done
	swiftc $(FUZZ_FLAGS) -module-name CreditData $$(find Sources/CreditData -name '*.swift' | sort) \
	  Fuzz/HistoryFuzz.swift $(FUZZ_DIR)/modules/Parallelism.o -o $(FUZZ_DIR)/history-fuzz
	for f in Model Policy Ladder; do \
	  swiftc $(FUZZ_FLAGS) -module-name $${f}Fuzz Fuzz/LoaderFuzzSupport.swift Fuzz/$${f}Fuzz.swift \
	    $(FUZZ_DIR)/modules/*.o -llapack -lblas \
	    -o $(FUZZ_DIR)/$$(echo $$f | tr A-Z a-z)-fuzz || exit 1; \
	done

fuzz: fuzz-build
	mkdir -p $(FUZZ_DIR)/corpus-history $(FUZZ_DIR)/corpus-model $(FUZZ_DIR)/corpus-policy \
	  $(FUZZ_DIR)/corpus-ladder
	cp Tests/Fixtures/bad/*.csv Tests/Fixtures/csv/*.csv $(FUZZ_DIR)/corpus-history/
	cp Tests/Fixtures/bad/model-*.json $(FUZZ_DIR)/corpus-model/
	cp Tests/Fixtures/bad/policy-*.json Fuzz/seeds/policy-*.json $(FUZZ_DIR)/corpus-policy/
	cp Tests/Fixtures/bad/ladder-*.json Fuzz/seeds/ladder-*.json $(FUZZ_DIR)/corpus-ladder/
	$(FUZZ_DIR)/history-fuzz -max_total_time=$(FUZZ_TIME) -max_len=8192 $(FUZZ_OPTIONS) \
	  -artifact_prefix=$(FUZZ_DIR)/history- $(FUZZ_DIR)/corpus-history
	$(FUZZ_DIR)/model-fuzz -max_total_time=$(FUZZ_TIME) -max_len=131072 $(FUZZ_OPTIONS) \
	  -artifact_prefix=$(FUZZ_DIR)/model- $(FUZZ_DIR)/corpus-model
	$(FUZZ_DIR)/policy-fuzz -max_total_time=$(FUZZ_TIME) -max_len=4096 $(FUZZ_OPTIONS) \
	  -artifact_prefix=$(FUZZ_DIR)/policy- $(FUZZ_DIR)/corpus-policy
	$(FUZZ_DIR)/ladder-fuzz -max_total_time=$(FUZZ_TIME) -max_len=4096 $(FUZZ_OPTIONS) \
	  -artifact_prefix=$(FUZZ_DIR)/ladder- $(FUZZ_DIR)/corpus-ladder

# Re-render notebooks-exported/: the sample's report, its backtest at 2025-09-30, and the
# validation against statsmodels/lifelines (needs Python; the first two are checked by make test).
notebooks: deps
	$(SWIFT) build --product creditrisk
	.build/debug/creditrisk report --history datasets/history.csv --customers datasets/customers.csv \
	  --fx datasets/fx-rates.csv --promises datasets/promises.csv --disputes datasets/disputes.csv \
	  --as-of 2025-12-31 --out notebooks-exported/demo-report.html
	.build/debug/creditrisk backtest --history datasets/history.csv --customers datasets/customers.csv \
	  --fx datasets/fx-rates.csv \
	  --cutoff 2025-09-30 --horizon 90 --markdown notebooks-exported/backtest-sample.md
	.build/debug/creditrisk backtest --history datasets/ibm-accounts-receivable.csv \
	  --cutoffs 2012-09..2013-09 > notebooks-exported/backtest-rolling-ibm.txt
	.build/debug/creditrisk backtest --history datasets/history.csv --customers datasets/customers.csv \
	  --fx datasets/fx-rates.csv --cutoffs 2024-10..2025-09 > notebooks-exported/backtest-rolling-sample.txt
	python3 scripts/notebooks/validation.py --binary .build/debug/creditrisk \
	  --out notebooks-exported/validation.md

clean:
	rm -rf .build out
