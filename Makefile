# Sales-process platform. Every target installs what it needs first.
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install proto proto-check infra-up infra-down run demo-data test test-fast bench lint format clean

# Debian packages the platform needs besides RabbitMQ (which devstack.infra installs): the CJK
# font for photo watermarks and the console, Node.js for the embedded S3 server (s3rver, ADR
# 018) and the console's npm packages, and Chromium for the browser tests (ADR 033; Playwright
# drives Debian's Chromium, never a downloaded one).
SYSTEM_PACKAGES := fonts-noto-cjk nodejs npm chromium chromium-driver
CONSOLE := console
ECHARTS := $(CONSOLE)/static/vendor/echarts.esm.min.js

$(STAMP): requirements.lock pyproject.toml
	@fc-list ':lang=zh' 2>/dev/null | grep -q . && command -v npm >/dev/null \
	  && command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  echo "安装系统依赖 / installing $(SYSTEM_PACKAGES) ..."; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	    $$(fc-list ':lang=zh' 2>/dev/null | grep -q . || echo fonts-noto-cjk) \
	    $$(command -v npm >/dev/null || echo nodejs npm) \
	    $$(command -v chromium >/dev/null || echo chromium) \
	    $$(command -v chromedriver >/dev/null || echo chromium-driver); }
	@test -x $(PY) || python3 -m venv $(VENV)
	@echo "安装依赖 / installing dependencies (requirements.lock) ..."
	@$(PY) -m pip install -q --upgrade pip
	@$(PY) -m pip install -q -r requirements.lock
	@$(PY) -m pip install -q --no-deps -e .
	@touch $(STAMP)

# The console's front end: Apache ECharts from the npm registry, exactly as the lock pins it,
# copied beside the static pages with a gzip twin (the gateway serves it compressed).
$(ECHARTS): $(CONSOLE)/package-lock.json | $(STAMP)
	@echo "安装控制台前端依赖 / installing the console's npm packages (npm ci) ..."
	@cd $(CONSOLE) && npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(@D)
	@cp $(CONSOLE)/node_modules/echarts/dist/echarts.esm.min.js $@
	@gzip -9kf $@

install: $(STAMP) $(ECHARTS)

proto: install            ## regenerate sales/ from proto/
	$(PY) scripts/gen_proto.py

infra-up: install         ## RabbitMQ, MongoDB-wire, S3 and the WeCom/DingTalk stand-in on 127.0.0.1
	$(PY) -m devstack.infra up

infra-down:               ## stop only what infra-up started
	$(PY) -m devstack.infra down

run: install              ## the whole platform with the demo organisation (RUN_ONCE=1 to exit after)
	$(PY) -m devstack.demo

demo-data: install        ## the demo distributor through the services (DEMO_SIZE=small|full|tiny, ADR 032)
	$(PY) -m devstack.demo_data

test: infra-up            ## every test: unit, integration, service (eventlet) and end-to-end
	bash scripts/run_tests.sh

bench: infra-up           ## benchmarks; figures in bench/results/
	$(PY) -m bench.run_all

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf .run .pytest_cache
