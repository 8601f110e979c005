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
