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
echo "  浏览网站：用浏览器打开 site/index.html，或运行 kb serve 后访问 http://127.0.0.1:8000/"
echo "  kb search 家暴                      检索（口语、简称、单位名称都可以）"
echo "  kb dept 卫健局                      某单位负责的目标和措施"
echo "  kb dept 卫健局 --format xlsx -o 任务分工表.xlsx"
echo "  kb show W1-G2                       查看一个条目的全部信息"
echo "  kb targets                          量化指标、基线与达标状态"
echo "  kb links                            两部规划的交叉关联"
