"""What people read of a knowledge base: each view formats the model, never derives it.

export          the public JSON shape (kb.json) and the items CSV
lookup          finding a node by ID; counts per domain
responsibility  which items fall to a department; resolving its names
links           the cross-links as data and as text
targets         the targets table
tasks           the 任务分工表
tables          writing CSV and print-ready XLSX
terminal        the Chinese text views of the command line
"""
