# Two commands on a fresh machine with Python 3.11+ and make:
#   make demo     set up .venv; validate, summarise, draw every case in cases/ and make its
#                 teaching decks (into out/)
#   make test     set up .venv; the linters, the type checker and the whole test suite
# and, for maintainers:
#   make figures  redraw the README's figures under docs/images/
#   make bench    the speed ratios
#   make fuzz     over 10,000 mutants of the cases through validate, show and render
#   make coverage the test suite with line and branch coverage of timeline/ and render/
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean setup figures fuzz coverage

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/timeline validate cases/
	@for f in cases/*.yaml; do echo; $(BIN)/timeline show "$$f" || exit 1; done
	@echo
	$(BIN)/timeline render cases/ -o out/ --format svg,png
	$(BIN)/timeline render cases/ -o out/ --format svg,png --kind states
	$(BIN)/timeline slides cases/ -o out/decks/ --format pptx,html
	$(BIN)/timeline render cases/ --kind cohort -o out/ --format svg,png
	$(BIN)/timeline site cases/ -o out/site/

figures: $(STAMP)
	$(BIN)/timeline render cases/cr000-paclitaxel-bevacizumab.yaml -o docs/images/cr000-paclitaxel-bevacizumab.png --engine wasm
	$(BIN)/timeline render cases/cr000-paclitaxel-bevacizumab.yaml -o docs/images/cr000-paclitaxel-bevacizumab.states.png --kind states --engine wasm
	$(BIN)/timeline render cases/medicine2019-gist-imatinib-interruptions.yaml -o docs/images/medicine2019-gist-imatinib-interruptions.png --engine wasm
	$(BIN)/timeline render cases/kamiya2014-pancreas-conversion-surgery.yaml -o docs/images/kamiya2014-pancreas-conversion-surgery.png --engine wasm
	$(BIN)/timeline render cases/taniguchi2018-egfr-osimertinib-sclc.yaml -o docs/images/taniguchi2018-egfr-osimertinib-sclc.png --engine wasm
	$(BIN)/timeline render cases/ --kind cohort -o docs/images/cohort.png --engine wasm

test: $(STAMP)
	$(BIN)/ruff check timeline render tests bench
	$(BIN)/mypy
	$(BIN)/pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check timeline render tests bench
	$(BIN)/ruff format --check timeline render tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# 2,600 mutants per kind (bytes, tokens, values, YAML suite): over 10,000 in all, every valid one
# drawn through Graphviz as well
fuzz: $(STAMP)
	FUZZ_EXAMPLES=2600 FUZZ_DRAW=1 $(BIN)/pytest -q -p no:cacheprovider tests/test_fuzz.py

# line and branch coverage of the library (timeline/, with render/ installed as timeline.render)
coverage: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider -n auto --cov --cov-report=term-missing:skip-covered

# one table of every ratio, its target and pass/fail (each bench/ script alone gives details);
# the matplotlib baseline of the drawing ratios comes with the 'bench' extra
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/table.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache .hypothesis .import_linter_cache .coverage .coverage.*
