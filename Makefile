# `make run` and `make test` each set up everything they need on a fresh Debian machine:
# system libraries through apt (when root), Python packages into .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
# Libraries Qt's offscreen and xcb platform plugins load; a bare Debian lacks several of them.
APT_PACKAGES := libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
	libfreetype6 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
	libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 \
	libx11-xcb1 libxrender1 libxi6 python3-venv
# The central server's tests start a real PostgreSQL (tests/pg.py).
APT_PACKAGES += postgresql
# Debian's Chromium, driven by Playwright in tests/central/test_office_browser.py.
APT_PACKAGES += chromium
# The screen-reader test (tests/atspi): a virtual X display, its own D-Bus session, the AT-SPI
# bus and Debian's pyatspi for /usr/bin/python3 (pyatspi is not on PyPI).
APT_PACKAGES += xvfb dbus dbus-x11 at-spi2-core python3-pyatspi
# The kiosk's voice (accessibility/speech): espeak-ng with its Indonesian voice, aplay to play it.
APT_PACKAGES += espeak-ng alsa-utils
# Named after the package list, so a package added here is installed on an existing .venv too.
SYSTEM_STAMP := $(VENV)/.system-packages-$(shell echo $(APT_PACKAGES) | cksum | cut -d' ' -f1)

.PHONY: run test setup lint benchmark screenshots clean catalogs bundle bundle-smoke test-without-qt lock

setup: $(STAMP)

$(SYSTEM_STAMP):
	@mkdir -p $(VENV)
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
		if [ -n "$$missing" ]; then \
			echo "Installing system packages: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		fi; \
	else \
		echo "Not root: skipping apt; Qt needs: $(APT_PACKAGES)"; \
	fi
	@touch $@

$(STAMP): pyproject.toml $(SYSTEM_STAMP)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[gui,central,test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

run: $(STAMP)
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ]; then \
		echo "No display found (DISPLAY and WAYLAND_DISPLAY are empty)."; \
		echo "Start the kiosk from a desktop session, or on a headless machine use a virtual one:"; \
		echo "  apt-get install xvfb && xvfb-run -s '-screen 0 1920x1080x24' make run"; \
		echo "To look at the screens without any display: $(VENV)/bin/siker-kiosk screenshots DIR"; \
		exit 1; \
	fi
	$(VENV)/bin/siker-kiosk $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check kiosk ui accessibility sync tests benchmarks
	$(VENV)/bin/mypy kiosk accessibility sync ui

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory test-without-qt bundle-smoke

# The Qt-free packages and their tests in a virtual environment that has no PySide6 at all.
NOQT := .venv-noqt
NOQT_STAMP := $(NOQT)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
$(NOQT_STAMP): pyproject.toml Makefile $(SYSTEM_STAMP)
	@test -x $(NOQT)/bin/python || $(PYTHON) -m venv $(NOQT)
	$(NOQT)/bin/python -m pip install -q --upgrade pip
	$(NOQT)/bin/python -m pip install -q -e '.[central]' pytest hypothesis pytest-timeout
	@rm -f $(NOQT)/.installed-*
	@touch $@

test-without-qt: $(NOQT_STAMP)
	@! $(NOQT)/bin/python -c "import PySide6" 2>/dev/null || { echo "PySide6 leaked into $(NOQT)"; exit 1; }
	$(NOQT)/bin/python -m pytest -q -o addopts="-ra" -W ignore::pytest.PytestConfigWarning -p no:cacheprovider tests/core tests/accessibility tests/sync

# The PyInstaller bundle of kiosk.spec, as it goes onto a kiosk PC: dist/siker-kiosk/. Built in
# a venv of its own holding exactly requirements/bundle.lock (versions and hashes), so two
# builds from the same commit ship the same libraries; `make lock` refreshes the pins.
BUNDLE_VENV := .venv-bundle
BUNDLE_STAMP := $(BUNDLE_VENV)/.installed-$(shell cat requirements/bundle.lock | cksum | cut -d' ' -f1)
$(BUNDLE_STAMP): requirements/bundle.lock $(SYSTEM_STAMP)
	@test -x $(BUNDLE_VENV)/bin/python || $(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/python -m pip install -q --require-hashes --no-deps -r requirements/bundle.lock
	@rm -f $(BUNDLE_VENV)/.installed-*
	@touch $@

bundle: $(BUNDLE_STAMP)
	$(BUNDLE_VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build kiosk.spec

# Pin what the bundle is built from (runtime, gui and bundle extras) with hashes.
lock: $(STAMP)
	$(PY) -m pip install -q pip-tools
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --extra gui \
		--extra bundle --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
		-o requirements/bundle.lock pyproject.toml

# Build the bundle and make it render every screen offscreen: a missing data file shows here.
bundle-smoke: bundle
	@rm -rf build/smoke && mkdir -p build/smoke
	QT_QPA_PLATFORM=offscreen dist/siker-kiosk/siker-kiosk screenshots --data-dir build/smoke/data build/smoke/shots
	@test "$$(ls build/smoke/shots/*.png | wc -l)" -ge 6 || { echo "bundle smoke run: screenshots missing"; exit 1; }
	@echo "bundle smoke run: $$(ls build/smoke/shots/*.png | wc -l) screens rendered by dist/siker-kiosk"

benchmark: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/search_latency.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/cold_start.py
	$(PY) benchmarks/open_services.py

# On a throw-away data folder (the demo catalog), never the kiosk's own.
screenshots: $(STAMP)
	@rm -rf build/screenshot-data
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/siker-kiosk screenshots --data-dir build/screenshot-data docs/screenshots

clean:
	rm -rf $(VENV) $(NOQT) $(BUNDLE_VENV) build dist *.egg-info

# Message catalogs: extract msgids from the code, merge them into the .po files, compile the .mo
# files that ship. Translate the new entries in both .po files, then run it again.
catalogs: $(STAMP)
	$(VENV)/bin/pybabel -q extract -k _ -k N_ -k ngettext:1,2 --no-location --omit-header --sort-output \
		-o assets/locale/siker.pot kiosk ui accessibility sync
	$(VENV)/bin/pybabel -q update --no-fuzzy-matching --ignore-obsolete -i assets/locale/siker.pot -d assets/locale -D siker
	$(VENV)/bin/pybabel -q compile --statistics -d assets/locale -D siker
