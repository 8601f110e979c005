# Shared by setup.sh and test.sh (sourced from the project root): create .venv
# with Python 3.11 when it is missing and install kb with its test tools.
# `ensure_venv --upgrade-pip` also upgrades pip first (setup.sh does).

ensure_venv() {
  local python="${PYTHON:-python3.11}"
  command -v "$python" >/dev/null 2>&1 || python=python3
  if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
  fi
  if [ "${1:-}" = "--upgrade-pip" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
  fi
  .venv/bin/python -m pip install --quiet -e '.[test]'
}

# axe-core for the accessibility tests (tests/browser): without it they skip
# locally (and fail under CI=true).  Installed only when missing and npm exists.
AXE_VERSION=4.10.3
ensure_axe() {
  if [ -f tests/browser/node_modules/axe-core/axe.min.js ]; then
    return 0
  fi
  if command -v npm >/dev/null 2>&1; then
    npm install --prefix tests/browser --no-save --no-package-lock --no-audit --no-fund \
      "axe-core@$AXE_VERSION" >/dev/null
  else
    echo "npm not found: the accessibility tests will be skipped (apt-get install npm)" >&2
  fi
}
