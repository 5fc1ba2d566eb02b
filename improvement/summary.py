"""The Improvement Plan Summary: RAG counts per improvement area and in total."""

from dataclasses import dataclass, field

from actions.models import Action, Rag

from .models import ImprovementArea, ImprovementPlan


@dataclass
class RagCounts:
    by_rag: dict[str, int] = field(default_factory=lambda: {rag.value: 0 for rag in Rag})
    unrated: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_rag.values()) + self.unrated

    def cells(self) -> list[tuple[str, int]]:
        """(RAG value, count) in the key's order, for templates and exports."""
        return [(rag.value, self.by_rag[rag.value]) for rag in Rag]

    def add(self, other: "RagCounts") -> None:
        for rag, count in other.by_rag.items():
            self.by_rag[rag] += count
        self.unrated += other.unrated


@dataclass
class AreaSummary:
    area: ImprovementArea
    counts: RagCounts


@dataclass
class PlanSummary:
    plan: ImprovementPlan
    areas: list[AreaSummary]
    total: RagCounts
    out_of_scope: int


def plan_summary(plan: ImprovementPlan) -> PlanSummary:
    """Counts in-scope actions only: rows "not part of IP" are listed but not counted."""
    actions = Action.objects.filter(plan=plan)
    counts_by_area = {}
    for row in actions.in_scope().rag_counts_by_area():
        counts = RagCounts(
            by_rag={rag.value: row[f"rag_{rag.value}"] for rag in Rag}, unrated=row["unrated"]
        )
        counts_by_area[row["area_id"]] = counts
    total = RagCounts()
    areas = []
    for area in plan.areas.all():
        counts = counts_by_area.get(area.pk, RagCounts())
        total.add(counts)
        areas.append(AreaSummary(area=area, counts=counts))
    return PlanSummary(
        plan=plan, areas=areas, total=total, out_of_scope=actions.filter(in_scope=False).count()
    )
