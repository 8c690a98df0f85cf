# Bootstrap only: a virtual environment, pinned pip packages, npm packages from the lock
# file and Debian's Chromium for the browser tests; then hand over to invoke (tasks.py).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: html test setup browser clean

html: setup
	$(BIN)/invoke build

test: setup browser
	$(BIN)/invoke test

setup: $(STAMP) node_modules/.package-lock.json

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Chromium for the browser tests; Noto CJK, the font the tests typeset their PDFs in;
# LibreOffice, which turns the tests' Word files into PDFs as offices do
browser:
	@{ command -v chromium >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1 && \
	   fc-list 2>/dev/null | grep -q NotoSerifCJK; } || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk \
	      libreoffice-writer-nogui; }

clean:
	rm -rf output output.* cache
