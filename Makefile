# Thin wrapper over CMake.  `make` installs missing dependencies and builds in build/.
# SPDX-License-Identifier: MIT
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_SECONDS ?= 60
PREFIX ?= /usr/local
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build test asan fuzz bench install top report clean

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

# The libFuzzer targets of fuzz/ (clang), each run for FUZZ_SECONDS, two at a time; any crash,
# sanitizer report, leak or timeout fails (artifacts in build-fuzz/artifacts/<target>/).
fuzz:
	@sh scripts/deps.sh fuzz
	@cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	    -DCORPUS_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target fuzz-targets
	@sh fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

bench: build
	@bash bench/run.sh $(BUILD)

install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

# The 20 most frequent words of the bundled corpus.
top: build
	@$(BUILD)/bin/corpus-ngram --keep=word --top=20 corpora/news/*.txt

# The corpus report of the bundled corpus (the README's first command).
report: build
	@$(BUILD)/bin/corpus-report -o $(BUILD)/report corpora/
	@echo "corpus-report: wrote $(BUILD)/report/index.html, report.json and report.md"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
