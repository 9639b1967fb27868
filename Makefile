# actorgraph: the two commands are `make up` and `make test`; `make help` lists the rest.

PYTHON ?= python3
# Extra options of `python -m bench`, e.g. make bench BENCH_ARGS="--sizes 1M,10M".
BENCH_ARGS ?=
VENV ?= .venv
BIN := $(VENV)/bin
# Neo4j 5.26 runs on Java 17 or 21, not on the Temurin 25 that may also be installed.
JAVA_HOME ?= $(firstword $(wildcard /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/temurin-17-*))
export JAVA_HOME
# The suite's own Neo4j (see tests/conftest.py); never the one `make up` runs.
TEST_NEO4J := ACTORGRAPH_HOME=var/neo4j-test ACTORGRAPH_BOLT_PORT=17687 ACTORGRAPH_HTTP_PORT=17474

.PHONY: help venv up neo4j neo4j-stop neo4j-status validate load serve test lint bench soak test-neo4j-stop clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

$(BIN)/.installed: pyproject.toml
	@echo "Installing actorgraph and its tools into $(VENV): a few minutes the first time."
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --progress-bar on -e '.[dev]' | grep -E --line-buffered '^(Collecting|Installing|Successfully)' || true
	test -x $(BIN)/actorgraph
	touch $@

venv: $(BIN)/.installed  ## Create the venv and install the project with its dev tools

up: venv  ## Neo4j up, seed loaded, API on 127.0.0.1:8000 (foreground)
	$(BIN)/actorgraph up

neo4j: venv  ## Start the local Neo4j in the background (idempotent)
	$(BIN)/actorgraph neo4j start

neo4j-stop: venv  ## Stop the local Neo4j
	$(BIN)/actorgraph neo4j stop

neo4j-status: venv  ## Is the local Neo4j running?
	$(BIN)/actorgraph neo4j status

validate: venv  ## Check the dataset strictly against its source texts
	$(BIN)/actorgraph validate --strict

load: venv  ## Validate and load data/ into Neo4j (all or nothing; quotes unverified where a text is absent)
	$(BIN)/actorgraph load

serve: venv  ## Serve the API (Neo4j must be up)
	$(BIN)/actorgraph serve

lint: venv  ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint  ## ruff, mypy and the whole pytest suite against a real Neo4j of its own
	$(BIN)/pytest

bench: neo4j  ## Benchmarks on the local Neo4j (WIPES it, reloads the seed after): bench/results/<date>.*
	$(BIN)/python -m bench $(BENCH_ARGS)
	$(BIN)/actorgraph load --wipe --yes

soak: venv  ## The long reliability soak (minutes); `make test` runs the fast part
	$(BIN)/pytest -m soak tests

test-neo4j-stop: venv  ## Stop the suite's Neo4j if a test run left it behind
	$(TEST_NEO4J) $(BIN)/actorgraph neo4j stop

clean:  ## Remove the venv and the local Neo4j with its data
	-$(BIN)/actorgraph neo4j stop
	-$(TEST_NEO4J) $(BIN)/actorgraph neo4j stop
	rm -rf $(VENV) var
