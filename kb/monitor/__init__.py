"""Monitoring and evaluation: the plans' 监测评估 chapter as a workflow.

Every year the 统计局 collects each indicator's figures from the member
units; the 妇儿工委 evaluates at mid-term (2025) and at the end (2030), and
indicators 预计完成困难、波动较大 are flagged early.  This package turns the
knowledge base's targets into that work::

    catalogue  every numeric target as an indicator: ID, unit, target, reporter
    forms      the .xlsx form a department fills in (kb monitor template)
    intake     reading returned forms, every problem by file, sheet, row, column
    importing  merging accepted figures into corpus/monitoring.csv
    report     the evaluation as of a year: status by domain, off-track list
    word       the evaluation as a Word document
    warnings   the off-track and volatile indicators, with their departments

The status itself is derived at build time (``kb.enrich.status``); this
package only reads it (or assesses as of an earlier year).
"""
