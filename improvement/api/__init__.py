"""The read-only API: what the pages show, as JSON, for analysts' tools (Power BI, their
own returns). It combines the apps, so it lives with the other outputs in `improvement`.
"""
