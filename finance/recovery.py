"""The financial recovery plan as the seed lays it out (Paper E Appendix 1, Paper D Table 6):
the position before the FRP, its schemes by type, the position after, and the items not
forecast in it. Plain data for the page and the Governing Body pack."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from .models import PositionKind, RecoveryPlan, RecoverySchemeType

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class SchemeTotals:
    """The columns of the FRP schemes table, summed: a, b, c = b - a, d, e = b - d, f = e - a."""

    submission: Decimal = ZERO
    revised_forecast: Decimal = ZERO
    forecast_movement: Decimal = ZERO
    in_month_delivery: Decimal = ZERO
    balance_remaining: Decimal = ZERO
    in_month_movement: Decimal = ZERO

    @classmethod
    def of(cls, schemes) -> "SchemeTotals":
        schemes = list(schemes)
        return cls(
            *(
                sum((getattr(s, name) for s in schemes), ZERO)
                for name in (
                    "submitted",
                    "revised_forecast",
                    "forecast_movement",
                    "in_month_delivery",
                    "balance_remaining",
                    "in_month_movement",
                )
            )
        )


@dataclass(frozen=True)
class TypeGroup:
    label: str
    schemes: list
    totals: SchemeTotals


@dataclass(frozen=True)
class Position:
    """Before the FRP, the FRP (what remains to be delivered), and after: one organisation's
    or the system's."""

    label: str
    before: Decimal
    recovery: Decimal
    not_in_frp: Decimal

    @property
    def after(self) -> Decimal:
        return self.before + self.recovery

    @property
    def after_all(self) -> Decimal:
        return self.after + self.not_in_frp


@dataclass(frozen=True)
class RecoverySummary:
    plan: RecoveryPlan
    before: list  # RecoveryPosition rows before the FRP
    groups: list[TypeGroup]
    totals: SchemeTotals
    not_in_frp: list  # RecoveryPosition rows not forecast in the FRP
    position: Position  # the system's
    by_organisation: list[Position]
    shares: list
    shares_total: Decimal


def recovery_summary(plan: RecoveryPlan, organisation_ids: Iterable[int]) -> RecoverySummary:
    """The plan's lines that are system-wide or belong to these organisations (3 queries)."""
    visible = Q(organisation__isnull=True) | Q(organisation_id__in=list(organisation_ids))
    schemes = list(plan.schemes.filter(visible).select_related("organisation"))
    positions = list(plan.positions.filter(visible).select_related("organisation"))
    shares = list(plan.shares.all())
    groups = []
    for value, label in RecoverySchemeType.choices:
        members = [s for s in schemes if s.scheme_type == value]
        if members:
            groups.append(TypeGroup(label, members, SchemeTotals.of(members)))
    before = [p for p in positions if p.kind == PositionKind.BEFORE_FRP]
    not_in_frp = [p for p in positions if p.kind == PositionKind.NOT_IN_FRP]
    return RecoverySummary(
        plan=plan,
        before=before,
        groups=groups,
        totals=SchemeTotals.of(schemes),
        not_in_frp=not_in_frp,
        position=_position(plan.programme.system_name, schemes, positions),
        by_organisation=_by_organisation(schemes, positions),
        shares=shares,
        shares_total=sum((share.amount for share in shares), ZERO),
    )


def _position(label, schemes, positions) -> Position:
    return Position(
        label,
        before=sum((p.forecast for p in positions if p.kind == PositionKind.BEFORE_FRP), ZERO),
        recovery=sum((s.balance_remaining for s in schemes), ZERO),
        not_in_frp=sum((p.forecast for p in positions if p.kind == PositionKind.NOT_IN_FRP), ZERO),
    )


def _by_organisation(schemes, positions) -> list[Position]:
    """A position per organisation with lines of its own, then the system-wide lines."""
    owners = {}
    for line in [*schemes, *positions]:
        owners.setdefault(line.organisation_id, line.organisation)
    rows = []
    for owner_id, owner in sorted(owners.items(), key=lambda item: (item[0] is None, str(item[1]))):
        label = (owner.short_name or owner.name) if owner else "System-wide (not allocated)"
        rows.append(
            _position(
                label,
                [s for s in schemes if s.organisation_id == owner_id],
                [p for p in positions if p.organisation_id == owner_id],
            )
        )
    return rows


def latest_plan(programme) -> RecoveryPlan | None:
    return programme.recovery_plans.order_by("-as_at").first()
