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
    "SchemeMonth",
    "TargetMonth",
    "Workstream",
]
