# Two commands for users: `make book` and `make test`. Each does its own,
# idempotent set-up on a machine that has only Python 3.11+.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
BOOK   := _build/html/index.html
JB     := $(BIN)/jupyter-book build . --keep-going -n -W

.PHONY: book test test-fast test-unit lint fonts browser-deps lab lab-sources notebooks wheel bench check clean handouts lms

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

## book: build the whole book with notebook execution (cached)
book: $(STAMP) fonts
	$(JB)
	@echo ""
	@echo "Book built. Open: file://$(CURDIR)/$(BOOK)"
	@echo "or serve it:      $(BIN)/python -m http.server -d _build/html 8000  ->  http://localhost:8000/"

## test: the full suite (unit, notebooks, book build, real browser, live JupyterLab);
## the multi-user class folder test makes Unix users, so it runs as root (sudo -n when not root)
AS_ROOT = $$([ "$$(id -u)" = 0 ] || echo sudo -n env PYTHONDONTWRITEBYTECODE=1)
test: $(STAMP) browser-deps
	$(BIN)/python -m pytest -m "not users"
	$(AS_ROOT) $(BIN)/python -m pytest -m users -p no:cacheprovider

## test-fast: everything except the browser, book, JupyterLab, wheel/fresh-venv
## and heavy (notebooks run in real kernels) tests: under 2 minutes on 2 cores
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not book and not lab and not slow and not heavy and not users"

## test-unit: the pure, in-process tests only (tests/conftest.py UNIT_MODULES):
## under a minute on 2 cores, the inner loop while you change the package
test-unit: $(STAMP)
	$(BIN)/python -m pytest -m unit -q

## lint: what tests/test_habits.py holds: ruff lints the whole package, the
## core modules are formatted (ruff format) and type-checked (mypy)
lint: $(STAMP)
	$(BIN)/ruff check --config 'include = ["src/**/*.py", "scripts/*.py", "benchmarks/*.py"]'
	$(BIN)/ruff format --check
	$(BIN)/mypy

# What pip cannot install: a CJK font for the charts (book), and Chromium
# too for the browser tests. As root: apt-get; otherwise the exact command.
fonts: $(STAMP)
	@PYTHON=$(BIN)/python sh scripts/ensure-system.sh fonts

browser-deps: $(STAMP)
	@PYTHON=$(BIN)/python sh scripts/ensure-system.sh browser

## check: validate every quiz bank and the timeline events file
check: $(STAMP)
	$(BIN)/python -m lessons check

## lab: JupyterLab on classroom/, the teaching copy of the course: clean
## per-language notebooks (START-HERE.ipynb lists them). Class work and
## exports stay in classroom/; book/ is never written. Authors editing the
## MyST sources use `make lab-sources`.
## Each has its own settings in .jupyter/ (also read on Binder, where the repo is $HOME).
LAB = JUPYTER_CONFIG_PATH="$(CURDIR)/$(1)$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(BIN)/jupyter lab $$([ "$$(id -u)" = 0 ] && echo --allow-root)
lab: $(STAMP)
	$(BIN)/python -m lessons classroom
	$(call LAB,.jupyter/classroom) --ServerApp.root_dir="$(CURDIR)/classroom" --LabApp.default_url=/lab/tree/START-HERE.md

## lab-sources: JupyterLab on the repository for authors: the MyST lessons in
## book/ open as notebooks (Jupytext; default viewer from .jupyter/labconfig/)
lab-sources: $(STAMP)
	$(call LAB,.jupyter) --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/book

## notebooks: each lesson as .ipynb in zh-Hant, English and both, under notebooks/
notebooks: $(STAMP)
	$(BIN)/python -m lessons notebooks --out notebooks

## wheel: the course package with its quiz banks and data, into dist/
wheel: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir dist .

## handouts: every lesson's student handout and answer key as PDF (zh-Hant,
## en, both) and class sets, printed by Chromium from the built book into
## _build/html/handouts/ (published with it). PAPER=Letter for US Letter.
PAPER ?= A4
handouts: $(STAMP) browser-deps
	@test -f $(BOOK) || { echo "No built book at $(BOOK): run 'make book' first, then 'make handouts'." >&2; exit 1; }
	$(BIN)/python -m lessons handouts --paper $(PAPER)

## lms: every quiz bank for an LMS (Moodle XML, QTI 1.2 zip for Canvas, GIFT),
## each lesson in zh-Hant, en and both, into _build/lms/<format>/; prints
## what each format leaves out or scores differently, and why
lms: $(STAMP)
	$(BIN)/python -m lessons export-lms --out _build/lms

## bench: print speed and size figures beside the alternatives
bench: $(STAMP) browser-deps
	$(BIN)/python -m benchmarks

clean:
	rm -rf _build build dist  # classroom/ holds class work: remove it by hand
