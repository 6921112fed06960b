# Verbatim: the two quick-start targets each make their own virtualenv and install what they need.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
INDEX ?= index

.PHONY: demo test lint accuracy bench clean

$(BIN)/verbatim: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/verbatim  ## index the bundled corpus, then search it and look up a speaker
	$(BIN)/verbatim index corpus --index-dir $(INDEX)
	$(BIN)/verbatim search 'bridge' --index-dir $(INDEX) --format table
	$(BIN)/verbatim quotes --speaker Castro --index-dir $(INDEX) --format table

test: $(BIN)/verbatim  ## lint, types, then the test suite (warnings are errors)
	$(BIN)/ruff check indexer search tests benchmarks
	$(BIN)/ruff format --check indexer search tests benchmarks
	$(BIN)/mypy indexer search
	$(BIN)/python -m pytest -q

accuracy: $(BIN)/verbatim  ## score extraction on ../shared/data/quotes (needs that folder)
	$(BIN)/python benchmarks/accuracy.py

bench: $(BIN)/verbatim  ## indexing and query benchmarks on ../shared/data/gutenberg (needs that folder)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) build *.egg-info
	find $(INDEX) -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
