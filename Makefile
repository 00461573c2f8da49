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

GAZETTEER_DATA ?= $(SAMPLES)/../data/gazetteer
DEMO_ENV := WARLOG_GAZETTEER=$(OUT)/gazetteer.sqlite

# The demo codes the sample's villages with the Syrian GeoNames extract shipped beside the
# samples (a user imports their own dump the same way); without it, warlog's zero-setup
# gazetteer codes them to their province.
demo: install
	@mkdir -p $(OUT)
	@if [ -f $(GAZETTEER_DATA)/SY.txt ] && [ ! -f $(OUT)/gazetteer.sqlite ]; then \
		$(DEMO_ENV) $(BIN)/warlog gazetteer import $(GAZETTEER_DATA)/SY.txt \
			$(GAZETTEER_DATA)/admin1CodesASCII.SY.txt; fi
	$(DEMO_ENV) $(BIN)/warlog extract $(SAMPLES)/hama-2019-06.txt --published 2019-06-08 \
		-o $(OUT)/hama-2019-06.json
	$(DEMO_ENV) $(BIN)/warlog eval $(SAMPLES)

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/gazetteer.py
	$(BIN)/python benchmarks/merge.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
