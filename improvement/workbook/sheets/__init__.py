"""One module per sheet of the workbook, each a small writer.Sheet subclass; finance.py
gives the QIPP and FRP sheets only when the organisation has them."""

from ..writer import Sheet


class PlanSheet(Sheet):
    """A sheet of one plan: with a closed reporting `cycle`, as that report stated it (an
    open cycle is the live plan, so it is dropped)."""

    def __init__(self, plan, cycle=None):
        self.plan = plan
        self.cycle = cycle if cycle is not None and not cycle.is_open else None
