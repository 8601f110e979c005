#!/usr/bin/env bash
# Run every check: lint, types and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/venv.sh
ensure_venv
ensure_axe

.venv/bin/ruff check kb tests evaluation
.venv/bin/ruff format --check kb tests evaluation
.venv/bin/mypy
.venv/bin/pytest "$@"
