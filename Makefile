# Thin wrapper over CMake.  `make` installs missing dependencies and builds in build/.
# SPDX-License-Identifier: MIT
BUILD ?= build
ASAN_BUILD ?= build-asan
PREFIX ?= /usr/local
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build test asan bench install top report clean

all: build

deps:
	@sh scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCORPUS_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

bench: build
	@bash bench/run.sh $(BUILD)

install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

# The 20 most frequent words of the bundled corpus (the README's first command).
top: build
	@$(BUILD)/bin/corpus-ngram --keep=word --top=20 corpora/news/*.txt

# The corpus report of the bundled corpus (the README's first command).
report: build
	@$(BUILD)/bin/corpus-report -o $(BUILD)/report corpora/
	@echo "corpus-report: wrote $(BUILD)/report/index.html, report.json and report.md"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
