"""Evaluation and benchmarks of kb: outside the shipped package (not in the wheel).

Run from the project root, e.g. ``.venv/bin/python evaluation/eval_search.py``.
"""
