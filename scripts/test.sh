#!/usr/bin/env bash
# Run every check: lint, types and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet -e '.[test]'

.venv/bin/ruff check kb tests scripts
.venv/bin/ruff format --check kb tests scripts
.venv/bin/mypy
.venv/bin/pytest "$@"
