# warlog — every target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SAMPLES ?= ../shared/samples
OUT    := out

.PHONY: install demo test bench clean help

help:
	@echo "make demo   set up, extract the sample report's events (table + JSON in $(OUT)/)"
	@echo "make test   set up and run the full test suite"
	@echo "make bench  set up and run the benchmarks (throughput, gazetteer)"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/warlog extract $(SAMPLES)/hama-2019-06.txt --published 2019-06-08 \
		-o $(OUT)/hama-2019-06.json
	$(BIN)/warlog eval $(SAMPLES)

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/gazetteer.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
