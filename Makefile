# newsclean — `make help` lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
NEWSCLEAN := $(VENV)/bin/newsclean
SEEDS := $(wildcard seeds/*.txt)
STEMS := $(notdir $(SEEDS:.txt=))
# Output formats `make` produces and their file extensions (same order).
FORMATS := json md txt docx pdf jats
EXTS := json md txt docx pdf xml
OUTPUTS := $(foreach s,$(STEMS),$(foreach e,$(EXTS),out/$(s).$(e)))
SOURCES := $(shell find src/newsclean -name '*.py' 2>/dev/null)

.DEFAULT_GOAL := all
.PHONY: all help install test fuzz eval bench scaling lint clean

all: $(OUTPUTS) ## convert every seeds/*.txt into out/ in every format (incremental, parallel under -j)

# One newsclean run per seed writes all its formats (a grouped pattern rule).
$(foreach e,$(EXTS),out/%.$(e)): seeds/%.txt $(SOURCES) | $(NEWSCLEAN)
	$(NEWSCLEAN) convert $< -o out --to $(subst $(eval) ,$(comma),$(FORMATS))

comma := ,

$(NEWSCLEAN):
	@echo "newsclean is not installed: run 'make install' first" >&2; exit 2

.PHONY: review
REVIEWS := $(foreach s,$(STEMS),out/review/$(s).html)

review: $(REVIEWS) ## editor's HTML review page and change log JSON of every seed into out/review/

out/review/%.html out/review/%.changes.json: seeds/%.txt $(SOURCES) $(wildcard src/newsclean/data/review.*) | $(NEWSCLEAN)
	$(NEWSCLEAN) review $< -o out/review --json

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

install: ## install system packages (if root) and newsclean with its test tools into .venv
	./tools/install-system-deps.sh
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dask]'

test: ## run the test suite
	$(PY) -m pytest -n auto -q

FUZZ ?= 40
fuzz: ## the property tests with FUZZ times their examples and fresh random seeds
	NEWSCLEAN_FUZZ=$(FUZZ) $(PY) -m pytest -n auto -q -p no:cacheprovider \
		tests/test_properties.py tests/cleaners/test_cleaner_properties.py tests/structure/test_properties.py

eval: ## score the cleaned seeds (also as other tools deliver them) and the degraded pages against their gold
	$(NEWSCLEAN) eval --gold-dir fixtures/gold --seeds-dir seeds --degraded fixtures/degraded --variants

bench: ## cleaning MB/s, documents/s per writer, batch speed-up from --jobs 1 to 2
	$(NEWSCLEAN) bench --seeds-dir seeds --mb 10

scaling: ## cleaning time against dump size (5, 25, 50 MB): linear or not
	$(NEWSCLEAN) bench --seeds-dir seeds --scale 5,25,50

lint: ## ruff lint and format check
	$(VENV)/bin/ruff check src tests tools
	$(VENV)/bin/ruff format --check src tests tools

clean: ## remove generated outputs
	find out -mindepth 1 ! -name .gitkeep -delete
