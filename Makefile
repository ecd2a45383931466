# Prongsai — the two commands of the README, and a few helpers.
SHELL := /bin/bash
export PATH := $(HOME)/.local/bin:$(PATH)
export PYTHAINLP_DATA ?= $(CURDIR)/data/pythainlp
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?= -n 2 --dist loadgroup --durations=25

.PHONY: run test setup lint format test-sqlite test-postgres messages corpus

## make run: set everything up, load the criteria and the demo agencies, serve on http://127.0.0.1:8000
## with one task-queue worker and beat (Procfile, honcho) on Redis (scripts/ensure-redis.sh)
run: setup
	scripts/ensure-redis.sh >/dev/null
	uv run prongsai migrate --noinput
	uv run prongsai criteria load
	uv run prongsai demo
	@echo "โปร่งใส: http://$(HOST)/   (ผู้ใช้ตัวอย่าง demo / prongsai-demo; ลองบทบาทอื่นด้วย officer, analyst, mayor, kanchanaburi — รหัสผ่านเดียวกัน)"
	HOST=$(HOST) uv run honcho start --no-prefix -f Procfile

## make test: set everything up and run the whole suite, on SQLite and on PostgreSQL
test: setup lint test-sqlite test-postgres

setup:
	@scripts/setup.sh

lint:
	uv run ruff check .
	uv run ruff format --check .

format:
	uv run ruff check --fix .
	uv run ruff format .

test-sqlite:
	scripts/ensure-redis.sh >/dev/null
	uv run pytest $(PYTEST_ARGS)

## the PostgreSQL pass: every test that touches the database, browser walks excepted (tests/conftest.py)
test-postgres:
	scripts/ensure-redis.sh >/dev/null
	DATABASE_URL="$$(scripts/ensure-postgres.sh)" PRONGSAI_TESTS=database uv run pytest $(PYTEST_ARGS)

## make messages: after changing an interface text, update the English catalogue (then translate
## the new entries in src/prongsai/locale/en/LC_MESSAGES/django.po) and compile it
messages:
	cd src/prongsai && uv run prongsai makemessages -l en --no-wrap --add-location file
	cd src/prongsai && uv run prongsai compilemessages -l en

## make corpus: write the generated import corpus (tests/fixtures/corpus/build/, cached)
corpus:
	uv run python -m tests.fixtures.corpus.build
