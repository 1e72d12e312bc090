# leadscore: every task a developer or CI runs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
FUZZ_SECONDS ?= 240
AS_OF ?= 2026-11-23T00:00:00Z
# wasm-bindgen-cli must match the wasm-bindgen version the lock file pins. It is installed without
# --locked: its own lock file names a webpki-roots release the registry does not serve.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/"/, "", $$3); print $$3}' Cargo.lock)
# wasm-opt from the npm package binaryen (wasm-pack's own download needs the internet).
# The packages browsers download (pkg/ web, pkg/bundler) are optimised for size: opt-level "s"
# makes the .wasm 26 KB gzip smaller at a cost within this VM's noise to 20% in batch throughput;
# pkg/node and pkg/train (batches, training) keep opt-level 3. The same code either way: no level
# changes a result (no fast-math), as the vectors in Chromium and workerd check.
SIZE_OPT := CARGO_PROFILE_RELEASE_OPT_LEVEL=s
CARGO_HOME ?= $(HOME)/.cargo
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_HOME)/bin:$(PATH)

.PHONY: help setup tools browsers java spark bigquery demo demo-cli edge bundle extension e2e test lint unit wasm-check wasm-js pkg pkg-node pkg-web pkg-bundler pkg-train bench bench-native bench-js bench-predict bench-edge bench-accounts fuzz fuzz-seeds

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

setup: tools browsers ## Install everything the build and tests need (make demo and make test do it themselves)

tools: ## Install what building needs, once (a second run installs nothing): clippy, rustfmt, the wasm target, wasm-pack, wasm-bindgen-cli at the lock file's version, npm packages
	@rustup component list --installed | grep -q '^clippy' && rustup component list --installed | grep -q '^rustfmt' || rustup component add clippy rustfmt
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@command -v wasm-pack >/dev/null || cargo install wasm-pack --locked
	@[ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@# npm writes node_modules/.package-lock.json on install: newer than the lock file means up to date.
	@[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund

browsers: ## Install Debian's chromium and chromium-driver if missing (as root), for the browser tests
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

java: ## Install Debian's OpenJDK 17 if no Java 17+ is on the PATH (as root), for Spark
	@java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])' || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless; }

# The Python package's virtual environment (python/.venv, not committed): created and filled from
# python/requirements-dev.txt once; a second run installs nothing unless that file changed.
VENV := python/.venv
$(VENV)/.installed: python/requirements-dev.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r python/requirements-dev.txt
	touch $@

SPARK_DATA := target/spark
spark: java $(VENV)/.installed ## The Python package (PyO3 wheel built by maturin) and leadscore.spark on Spark local-cluster[2,1,1024]: 100,000 leads equal the CLI's cards; edge cases; throughput of 1,000,000 leads beside the CLI
	cargo build --quiet --release --features cli
	mkdir -p $(SPARK_DATA)
	@# The generated leads (bench/leadgen.rs) and the CLI's cards for them, made once.
	[ -s $(SPARK_DATA)/leads-100k.ndjson ] || cargo run --quiet --release --example bench_leads -- $(SPARK_DATA)/leads-100k.ndjson $(SPARK_DATA)/scores-100k.txt 100000
	[ -s $(SPARK_DATA)/leads-1m.ndjson ] || cargo run --quiet --release --example bench_leads -- $(SPARK_DATA)/leads-1m.ndjson $(SPARK_DATA)/scores-1m.txt 1000000
	target/release/leadscore score $(SPARK_DATA)/leads-100k.ndjson --explain --as-of $(AS_OF) > $(SPARK_DATA)/cards-100k.jsonl
	@# The extension crate is its own workspace: the top-level lint does not see it.
	cd python && cargo fmt --check && cargo clippy --quiet --release -- -D warnings
	cd python && ../$(VENV)/bin/maturin build --quiet --release --out dist
	@# The wheel just built, from the file itself (no index is asked).
	$(VENV)/bin/pip install -q --disable-pip-version-check --no-deps --no-index --force-reinstall python/dist/leadscore-0.1.0-*.whl
	@# From the top (not python/): the installed wheel is imported, not the sources beside the tests.
	LEADSCORE_CLI=$(CURDIR)/target/release/leadscore LEADSCORE_SPARK_DATA=$(CURDIR)/$(SPARK_DATA) \
		$(VENV)/bin/pytest -q -s -p no:cacheprovider python/tests

bigquery: pkg-web ## The BigQuery JavaScript UDF library (examples/bigquery): built from pkg/, run in a bare V8 sandbox with score_leads.sql's body, cards equal to the CLI's; sizes within BigQuery's limits
	node examples/bigquery/build.mjs
	mkdir -p target/bigquery
	[ -s target/bigquery/leads.ndjson ] || cargo run --quiet --release --example bench_leads -- target/bigquery/leads.ndjson target/bigquery/scores.txt 2000
	cargo run --quiet --release --features cli -- score target/bigquery/leads.ndjson --as-of $(AS_OF) > target/bigquery/cards.cli.jsonl
	cargo run --quiet --release --features cli -- score target/bigquery/leads.ndjson --explain --as-of $(AS_OF) > target/bigquery/cards-explained.cli.jsonl
	node --test examples/bigquery/

PORT ?= 8080
demo: tools pkg-web pkg-train ## Build a fresh pkg/ and serve the pages in www/ (form tiering, model playground) on http://127.0.0.1:8080/www/ (PORT=...)
	node www/serve.mjs $(PORT)

demo-cli: ## Score the sample leads natively with the default model and explain every point
	cargo run --quiet --release --features cli -- explain examples/leads/sample-leads.jsonl --as-of $(AS_OF)

test: setup lint unit wasm-check wasm-js edge bundle extension e2e spark bigquery ## Run every test: fmt, clippy, unit/integration/vector/property tests, wasm build, wasm in Node, headless Chromium and workerd, the www/ pages end to end, the Python package on Spark, the BigQuery UDF

lint: ## Formatting and clippy, natively and for wasm32 (warnings are errors)
	cargo fmt --all --check
	cargo clippy --all-targets --all-features -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features train -- -D warnings

unit: ## Unit, integration, conformance-vector, schema, property and doc tests (with the CLI)
	cargo test --all-features

wasm-check: ## The core builds for wasm32 (no clock, no I/O, no std-only APIs)
	cargo build --release --lib --target wasm32-unknown-unknown

pkg: pkg-web pkg-node pkg-bundler pkg-train ## Build all four packages: pkg/ (web), pkg/node, pkg/bundler, pkg/train (web, with training)

pkg-node: ## Build the wasm package for Node, with train/backtest, into pkg/node (wasm-pack, wasm-opt)
	rm -rf pkg/node/snippets # wasm-pack leaves snippets of earlier builds behind
	wasm-pack build --release --target nodejs --out-dir pkg/node --out-name leadscore -- --features train
	node scripts/glue-errors.mjs pkg/node/leadscore.js # wasm-bindgen's own errors as LeadscoreErrors
	@# The CommonJS glue require()s the card builder, an ES module: Node 20.19+ (or 22.12+) loads it.
	node -e "const f='pkg/node/package.json',fs=require('fs'),p=JSON.parse(fs.readFileSync(f));p.engines={node:'>=20.19'};fs.writeFileSync(f,JSON.stringify(p,null,2)+'\\n')"

pkg-train: ## Build the web package with train/backtest (for the playground) into pkg/train
	rm -rf pkg/train/snippets # wasm-pack leaves snippets of earlier builds behind
	wasm-pack build --release --target web --out-dir pkg/train --out-name leadscore -- --features train
	node scripts/glue-errors.mjs pkg/train/leadscore.js # wasm-bindgen's own errors as LeadscoreErrors

pkg-web: ## Build the wasm package for browsers (ES module + init) into pkg/
	rm -rf pkg/snippets # wasm-pack leaves snippets of earlier builds behind
	$(SIZE_OPT) wasm-pack build --release --target web --out-dir pkg --out-name leadscore
	node scripts/glue-errors.mjs pkg/leadscore.js # wasm-bindgen's own errors as LeadscoreErrors

pkg-bundler: ## Build the wasm package for bundlers (webpack, Vite with a wasm plugin) into pkg/bundler
	rm -rf pkg/bundler/snippets # wasm-pack leaves snippets of earlier builds behind
	$(SIZE_OPT) wasm-pack build --release --target bundler --out-dir pkg/bundler --out-name leadscore
	node scripts/glue-errors.mjs pkg/bundler/leadscore_bg.js # wasm-bindgen's own errors as LeadscoreErrors

wasm-js: pkg ## The vectors and JS-API tests in wasm (Node, headless Chromium) against native results; tsc on the types
	mkdir -p target
	cargo run --quiet --example vector_cards > target/vector-cards.native.jsonl
	@# The CLI's cards for 10,000 generated leads, compared byte for byte with JSON.stringify of the wasm cards.
	mkdir -p target/same-bytes
	cargo run --quiet --release --example bench_leads -- target/same-bytes/leads.ndjson target/same-bytes/scores.txt 10000
	cargo run --quiet --release --features cli -- score target/same-bytes/leads.ndjson --explain --as-of $(AS_OF) > target/same-bytes/cards.cli.jsonl
	cargo run --quiet --release --features cli -- score target/same-bytes/leads.ndjson --as-of $(AS_OF) > target/same-bytes/summaries.cli.jsonl
	cargo run --quiet --release --features cli -- train --data examples/history/funnel.csv --target converted --ignore id,age_band \
		--holdout-every 5 --id funnel --out target/funnel-model.cli.json --report target/funnel-report.cli.json > /dev/null
	cargo run --quiet --release --features cli -- backtest --model target/funnel-model.cli.json --data examples/history/funnel.csv \
		--target converted --test-every 5 --capacity 50 --as-of $(AS_OF) --json > target/funnel-backtest.cli.json
	cargo run --quiet --release --features cli -- audit --model tests/fixtures/audit-model.json --data tests/fixtures/audit-history.csv \
		--target converted --segment region --segment title --as-of $(AS_OF) --json > target/audit.cli.json
	node --test tests/wasm/
	tsc -p tests/wasm/tsconfig.json

edge: pkg-web pkg-node ## The edge worker (examples/edge-worker) in workerd via Miniflare: real HTTP on 127.0.0.1, cards equal to native; the conformance vectors in workerd
	mkdir -p target
	cargo run --quiet --example vector_cards > target/vector-cards.native.jsonl
	cargo run --quiet --release --features cli -- score examples/leads/sample-leads.jsonl --as-of $(AS_OF) --explain > target/sample-cards.native.jsonl
	node --test tests/edge/

extension: pkg-web pkg-node ## The MV3 CRM extension (examples/crm-extension) loaded into Chromium: the badge on the fixture record
	rm -rf examples/crm-extension/pkg
	mkdir -p examples/crm-extension/pkg target/e2e
	cp -r pkg/leadscore.js pkg/leadscore_bg.wasm pkg/snippets examples/crm-extension/pkg/
	node --test tests/extension/

bundle: pkg-web ## Vite bundles the web package (examples/vite) and the built page scores in Chromium
	node --test tests/bundle/

e2e: pkg-web pkg-train ## The pages in www/ end to end in headless Chromium (Playwright); screenshots in target/e2e/
	node --test tests/e2e/

bench: bench-native bench-js bench-predict bench-edge bench-accounts ## All benchmarks: native (criterion), JS (wasm vs hand-written JS, json-rules-engine, json-logic-js), predictive (bank data), edge worker

bench-native: ## Native scoring throughput over 100,000 generated leads (criterion)
	cargo bench --bench native

# The Python with scikit-learn and pandas for bench-predict's reference figures (skipped, and said
# so, when they do not import).
PYTHON ?= python3
bench-predict: pkg-node ## Train on examples/data/bank-additional-full.csv natively and in wasm: holdout AUC, log loss, Brier and training time of the logistic and boosted scorecards beside scikit-learn's
	cargo bench --bench predict
	$(PYTHON) bench/sklearn_reference.py
	node bench/js/predict.mjs

bench-accounts: pkg-node ## One account of 500 contacts x 15 events: natively (criterion, beside the contacts scored as plain leads) and in wasm (Node)
	cargo bench --bench accounts
	node bench/js/accounts.mjs

bench-edge: pkg-web pkg-node ## The edge worker in workerd beside a constant worker started the same way: cold start and requests/second of each for one lead (autocannon)
	node bench/edge.mjs

bench-js: pkg ## In one Node process: leadscore wasm vs its JS peers on the same 100,000 leads; sizes; the cold path (require -> new Scorer() -> first score) beside new WebAssembly.Module on the same bytes, also over 7 fresh processes; new Scorer with 100,000 rules beside native
	mkdir -p target/bench
	cargo run --quiet --release --example bench_leads -- target/bench/leads.ndjson target/bench/native-scores.txt
	cargo run --quiet --release --example many_rules -- target/bench/rules-100k.json > target/bench/rules-100k.native-ms.txt
	node bench/js/bench.mjs target/bench/leads.ndjson target/bench/native-scores.txt

fuzz-seeds: ## Seed the fuzz corpora from the conformance vectors
	python3 scripts/fuzz-seeds.py

fuzz: fuzz-seeds ## Run the three fuzz targets (models, leads, accounts) for FUZZ_SECONDS each (needs nightly and cargo-fuzz)
	cd fuzz && cargo +nightly fuzz run parse_model corpus/parse_model -- -max_total_time=$(FUZZ_SECONDS) -max_len=8192
	cd fuzz && cargo +nightly fuzz run score_lead corpus/score_lead -- -max_total_time=$(FUZZ_SECONDS) -max_len=8192
	cd fuzz && cargo +nightly fuzz run score_account corpus/score_account -- -max_total_time=$(FUZZ_SECONDS) -max_len=16384
