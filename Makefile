# creditrisk: make demo | make test | make bench | make golden
SWIFT ?= swift
APT_PACKAGES := liblapack-dev libblas-dev libopenblas-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps demo test bench bench-python golden notebooks clean

# LAPACK/BLAS from Debian; OpenBLAS is selected at run time through the alternatives system.
deps:
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) pkg-config; }

# Train, score and report on the bundled sample in datasets/; outputs land in out/demo.
demo: deps
	$(SWIFT) build -c release --product creditrisk
	.build/release/creditrisk demo --out out/demo

# Unit, golden-value and end-to-end tests.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Stage-by-stage timings at 10k, 100k and 1M simulated invoices (medians, peak memory).
bench: deps
	$(SWIFT) build -c release
	.build/release/creditrisk-bench all

# The same job in pandas + statsmodels + lifelines on a 1M-invoice simulated history.
BENCH_DATA ?= /tmp/creditrisk-bench-1m
bench-python: deps
	$(SWIFT) build -c release --product creditrisk
	pip install -q -r scripts/bench/requirements.txt
	[ -f $(BENCH_DATA)/history.csv ] || .build/release/creditrisk simulate --customers 20000 --invoices 1000000 --seed 1 --out $(BENCH_DATA)
	python3 scripts/bench/python_pipeline.py --history $(BENCH_DATA)/history.csv --customers $(BENCH_DATA)/customers.csv

# Regenerate the reference values (statsmodels, lifelines) the model tests compare against.
golden:
	pip install -q -r scripts/golden/requirements.txt
	python3 scripts/golden/generate.py

clean:
	rm -rf .build out
