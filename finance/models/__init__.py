from .programmes import ProgrammeArea, QippProgramme, QippTarget, TargetMonth, Workstream
from .recovery import (
    PositionKind,
    RecoveryPlan,
    RecoveryPosition,
    RecoveryRag,
    RecoveryScheme,
    RecoverySchemeType,
    RecoveryShare,
)
from .risk_adjusted import RiskAdjustedQipp, SummaryRag
from .schemes import (
    ForecastRevision,
    GatewayStage,
    PlanningStage,
    QippScheme,
    Recurrence,
    SchemeMonth,
)

__all__ = [
    "ForecastRevision",
    "GatewayStage",
    "PlanningStage",
    "PositionKind",
    "ProgrammeArea",
    "QippProgramme",
    "QippScheme",
    "QippTarget",
    "RecoveryPlan",
    "RecoveryPosition",
    "RecoveryRag",
    "RecoveryScheme",
    "RecoverySchemeType",
    "RecoveryShare",
    "Recurrence",
    "RiskAdjustedQipp",
    "SchemeMonth",
    "SummaryRag",
    "TargetMonth",
    "Workstream",
]
