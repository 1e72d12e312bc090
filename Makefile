# leadscore: every task a developer or CI runs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
FUZZ_SECONDS ?= 240
AS_OF ?= 2026-11-23T00:00:00Z

.PHONY: help setup demo test lint unit wasm-check bench fuzz fuzz-seeds

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

setup: ## Install what the build and tests need (Rust components and the wasm target)
	rustup component add clippy rustfmt
	rustup target add wasm32-unknown-unknown

demo: ## Score the sample leads with the default model and explain every point
	cargo run --quiet --release --example score -- examples/leads/sample-leads.jsonl --as-of $(AS_OF)

test: lint unit wasm-check ## Run every test: format, clippy, unit/integration/vector/property tests, wasm build

lint: ## Formatting and clippy (warnings are errors)
	cargo fmt --all --check
	cargo clippy --all-targets -- -D warnings

unit: ## Unit, integration, conformance-vector, schema, property and doc tests
	cargo test

wasm-check: ## The core builds for wasm32 (no clock, no I/O, no std-only APIs)
	cargo build --release --lib --target wasm32-unknown-unknown

bench: ## Native scoring throughput over 100,000 generated leads (criterion)
	cargo bench --bench native

fuzz-seeds: ## Seed the fuzz corpora from the conformance vectors
	python3 scripts/fuzz-seeds.py

fuzz: fuzz-seeds ## Run both fuzz targets for FUZZ_SECONDS each (needs nightly and cargo-fuzz)
	cd fuzz && cargo +nightly fuzz run parse_model corpus/parse_model -- -max_total_time=$(FUZZ_SECONDS) -max_len=8192
	cd fuzz && cargo +nightly fuzz run score_lead corpus/score_lead -- -max_total_time=$(FUZZ_SECONDS) -max_len=8192
