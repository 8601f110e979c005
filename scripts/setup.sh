#!/usr/bin/env bash
# Set everything up on a fresh machine with Python 3.11, then run the main job:
# build the knowledge base and everything downstream, and say how to use it.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/venv.sh
ensure_venv --upgrade-pip

.venv/bin/kb check
.venv/bin/kb build
echo
echo "下一步（先执行 source .venv/bin/activate，或在命令前加 .venv/bin/）："
echo "  kb show W1-G2          查看一个条目"
echo "  kb stats               各领域条目数"
echo "  kb export --format csv -o 条目.csv"
