"""Improvement Plan Summary: RAG counts per improvement area, this report and the last
("Last report (01/02/19): Red 7, Amber 9, Green 11, Blue 70")."""

from actions.models import HELD_FOOTNOTE, Rag
from improvement.summary import plan_summary

from ..styles import Kind
from ..writer import BLANK, Column, Header, Styled, Title
from . import PlanSheet


class SummarySheet(PlanSheet):
    title = "Improvement Plan Summary"

    def rows(self):
        summary = plan_summary(self.plan, self.cycle)
        last = summary.last_cycle
        counts = [Column("", Kind.INTEGER, 10) for _ in range(len(Rag) + len(EXTRA))]
        self.columns = [Column("Improvement area", Kind.WRAP, 48), *counts]
        if last:
            self.columns += [Column("", Kind.INTEGER, 12) for _ in range(len(Rag) + len(EXTRA))]
        when = (
            f"report as at {self.cycle.as_at:%d/%m/%Y}" if self.cycle else "the plan as it is now"
        )
        yield Title(f"{self.plan.organisation}: {self.plan} – summary of {when}")
        labels = ["Improvement area", *_rag_headers(""), *EXTRA]
        if last:
            suffix = f" at last report ({last.as_at:%d/%m/%y})"
            labels += [*_rag_headers(suffix), *(f"{label}{suffix}" for label in EXTRA)]
        yield Header(labels)
        for row in summary.areas:
            cells = [str(row.area), *_counts(row.counts)]
            if last:
                cells += _counts(row.last_report)
            yield cells
        total = ["Total", *_counts(summary.total)]
        if last:
            total += _counts(summary.last_report_total)
        yield total
        if last:
            yield [f"Last report ({last.as_at:%d/%m/%y})", *_counts(summary.last_report_total)]
        yield BLANK
        yield [
            "Blue is the owner's report that an action is completed; assured means the PMO "
            "has accepted its evidence."
        ]
        if summary.total.held_blue:
            yield [f"{summary.total.held_blue} assured Blue actions: {HELD_FOOTNOTE}"]
        if summary.out_of_scope:
            yield [
                f"{summary.out_of_scope} actions not part of IP are counted, as the source "
                "tracker counts them, and shown in their own column."
            ]


def _rag_headers(suffix: str) -> list[Styled]:
    return [Styled(rag.value, Kind.RAG, f"{rag.label}{suffix}") for rag in Rag]


EXTRA = ("Not rated", "Total", "Of which Blue assured", "Of which not part of IP")


def _counts(counts) -> list[int]:
    return [count for _, count in counts.cells()] + [
        counts.unrated,
        counts.total,
        counts.assured_blue,
        counts.out_of_scope,
    ]
