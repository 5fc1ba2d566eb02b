"""The 5x5 heat map: how many risks sit in each likelihood x impact cell."""

from dataclasses import dataclass

from django.db.models import Count

from . import scoring
from .models import ScoreBasis, ScoreSet


@dataclass
class Cell:
    likelihood: int
    impact: int
    count: int

    @property
    def score(self) -> int:
        return scoring.score(self.likelihood, self.impact)

    @property
    def band(self) -> scoring.Band:
        return scoring.band_for(self.score)


@dataclass
class HeatMap:
    which: str
    rows: list[list[Cell]]  # likelihood 5 (top) down to 1; impact 1..5 left to right
    total: int
    off_the_matrix: int = 0  # scored before and after mitigation, with no likelihood x impact

    @property
    def label(self) -> str:
        return ScoreSet(self.which).label


def heat_map(risks, which: str = ScoreSet.CURRENT) -> HeatMap:
    """One query: counts grouped by the chosen score's likelihood and impact. Risks without
    that score (no initial or target given) are left out; those the register scores only
    before and after mitigation are counted apart (`off_the_matrix`)."""
    likelihood, impact = f"{which}_likelihood", f"{which}_impact"
    counts: dict[tuple[int, int], int] = {}
    off_the_matrix = 0
    grouped = risks.values(likelihood, impact, "score_basis").annotate(n=Count("id")).order_by()
    for row in grouped:
        if row[likelihood] is None:
            if which == ScoreSet.CURRENT and row["score_basis"] == ScoreBasis.PRE_POST:
                off_the_matrix += row["n"]
            continue
        cell = (row[likelihood], row[impact])
        counts[cell] = counts.get(cell, 0) + row["n"]
    rows = [
        [Cell(lk, im, counts.get((lk, im), 0)) for im in scoring.SCALE]
        for lk in reversed(scoring.SCALE)
    ]
    return HeatMap(
        which=which, rows=rows, total=sum(counts.values()), off_the_matrix=off_the_matrix
    )
