# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench coverage faults system-deps venv clean demo check translations windows windows-smoke \
	manual-screenshots

run: $(STAMP)
	$(PY) main.py

# The model tests run twice: on an archive file and on a PostgreSQL server — a throwaway cluster
# (Debian's pg_virtualenv, package postgresql) that lives as long as the run. Without
# pg_virtualenv the server's half is skipped (and says so).
SERVER = $(if $(shell command -v pg_virtualenv),pg_virtualenv -t -o fsync=off \
	env SECRETARY_ARCHIVE_TEST_SERVER=postgresql:///postgres)

# the installer's smoke test moves an archive onto a throwaway server with the installed program
# (decided when the line runs: the recipe's first line may have just installed postgresql)
SERVER_BESIDE = sh -c 'if command -v pg_virtualenv >/dev/null; then exec pg_virtualenv -t "$$@"; else exec "$$@"; fi' -

test: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(SERVER) $(PY) -m pytest

# The whole suite under coverage, the command-line subprocesses included; report in htmlcov/.
coverage: system-deps $(STAMP)
	rm -f .coverage .coverage.*
	QT_QPA_PLATFORM=offscreen $(PY) -m coverage run -m pytest -q
	$(PY) -m coverage combine -q
	$(PY) -m coverage report --sort=cover | tail -n 40
	$(PY) -m coverage html -q

# Kill writers, imports and restores at random for a bounded time; report kills, corrupt
# archives and lost acknowledged writes (not part of make test: it runs for minutes).
faults: $(STAMP)
	$(PY) tests/faults/kill_at_random.py --seconds $(or $(SECONDS),600)

# Benchmarks, each figure paired with its reference run by run (about 35 minutes: it makes a
# realistic 10,000-person district, a million reports in a file and a province of 2,000,000 on a
# throwaway PostgreSQL server); the figures also go to build/bench-results.txt.
bench: system-deps $(STAMP)
	rm -f build/bench-results.txt
	QT_QPA_PLATFORM=offscreen $(SERVER) $(PY) -m pytest tests/bench -p no:cacheprovider -s -o addopts="--import-mode=importlib"

# The English interface: new strings from ui/ into the catalogue (translate the unfinished ones
# in resources/i18n/app_en.ts, e.g. with Qt Linguist), then the compiled .qm the program loads.
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -locations none -no-obsolete -tr-function-alias tr+=_t $$(find ui -name '*.py' | sort) \
		-ts resources/i18n/app_en.ts
	$(VENV)/bin/pyside6-lrelease resources/i18n/app_en.ts -qm resources/i18n/app_en.qm

# The manual's pictures (resources/help/*.png), taken from the program on a demo archive.
manual-screenshots: $(STAMP)
	$(PY) packaging/manual_screenshots.py

demo: $(STAMP)
	$(PY) main.py demo

check: $(STAMP)
	$(PY) main.py check

venv: $(STAMP)

# constrained to the versions the Windows installer ships: what is tested is what ships
$(STAMP): setup.cfg pyproject.toml packaging/constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c packaging/constraints.txt -e '.[test]'
	touch $(STAMP)

# The Windows installer, built here from PyPI (packaging/windows-lock.txt pins every file):
# dist/SecretaryArchive-<version>-x64-setup.exe, LZMA. windows-smoke builds it with zlib (faster)
# and installs and runs it under wine in a throwaway prefix (CI runs it after make test).
PYNSIST := $(VENV)/.pynsist
windows: $(STAMP) $(PYNSIST)
	@sh .ci/system-deps.sh nsis
	$(PY) packaging/build_windows.py build --compressor $(or $(COMPRESSOR),lzma)

windows-smoke: $(STAMP) $(PYNSIST)
	@sh .ci/system-deps.sh nsis wine wine64 poppler-utils postgresql xvfb xauth osslsigncode
	$(PY) packaging/build_windows.py build --twice --compressor $(or $(COMPRESSOR),zlib)
	$(SERVER_BESIDE) $(PY) packaging/smoke_wine.py

$(PYNSIST): $(STAMP)
	$(PY) -m pip install --quiet pynsist==2.8
	touch $(PYNSIST)

# Debian packages the tests use: the libraries Qt needs even offscreen, and poppler-utils
# (pdftotext/pdftoppm) for looking at printed forms. Skipped when already present or not root.
system-deps:
	@sh .ci/system-deps.sh

clean:
	rm -rf $(VENV) build dist *.egg-info
