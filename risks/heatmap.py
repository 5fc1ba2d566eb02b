"""The 5x5 heat map: how many risks sit in each likelihood x impact cell."""

from dataclasses import dataclass

from django.db.models import Count

from . import scoring
from .models import ScoreSet


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

    @property
    def label(self) -> str:
        return ScoreSet(self.which).label


def heat_map(risks, which: str = ScoreSet.CURRENT) -> HeatMap:
    """One query: counts grouped by the chosen score's likelihood and impact. Risks without
    that score (no initial or target given) are left out."""
    likelihood, impact = f"{which}_likelihood", f"{which}_impact"
    counts = {
        (row[likelihood], row[impact]): row["n"]
        for row in risks.exclude(**{f"{likelihood}__isnull": True})
        .values(likelihood, impact)
        .annotate(n=Count("id"))
        .order_by()
    }
    rows = [
        [Cell(lk, im, counts.get((lk, im), 0)) for im in scoring.SCALE]
        for lk in reversed(scoring.SCALE)
    ]
    return HeatMap(which=which, rows=rows, total=sum(counts.values()))
