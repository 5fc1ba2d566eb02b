from .api_tokens import ApiToken
from .concern_snapshots import ConcernSnapshot
from .cycles import CycleStatus, ReportingCycle
from .finance_snapshots import FinanceSnapshot
from .front_sheets import FrontSheet, Purpose
from .meetings import (
    ConcernDismissal,
    ConcernType,
    ItemKind,
    ItemStatus,
    LogStatus,
    Meeting,
    MeetingBody,
    MeetingItem,
    MeetingItemReview,
)
from .organisations import Membership, Officer, Organisation, Role
from .packs import BuildKind, BuildStatus, IssuedPack, PackBuild
from .plans import (
    ImprovementArea,
    ImprovementPlan,
    ProjectRole,
    Recommendation,
    RecommendationSource,
)
from .sign_in import ClaimKind, SignInIdentity, SignInMapping

__all__ = [
    "FrontSheet",
    "Purpose",
    "ClaimKind",
    "SignInIdentity",
    "SignInMapping",
    "ApiToken",
    "BuildKind",
    "BuildStatus",
    "PackBuild",
    "ConcernDismissal",
    "ConcernSnapshot",
    "ConcernType",
    "CycleStatus",
    "FinanceSnapshot",
    "ImprovementArea",
    "ImprovementPlan",
    "IssuedPack",
    "ItemKind",
    "ItemStatus",
    "LogStatus",
    "Meeting",
    "MeetingBody",
    "MeetingItem",
    "MeetingItemReview",
    "Membership",
    "Officer",
    "Organisation",
    "ProjectRole",
    "Recommendation",
    "RecommendationSource",
    "ReportingCycle",
    "Role",
]
