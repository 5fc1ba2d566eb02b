"""The PMO's "needs attention" page: what is waiting on the PMO or on a lead this cycle,
each with its count, read in a fixed number of queries whatever the plan's size."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch

from actions.models import Action, Evidence, EvidenceReview, Rag, ReminderSent

from . import concerns
from .models import ImprovementPlan, Officer, ReportingCycle

EVIDENCE_SHOWN = 50  # a page of evidence to assure; the count says how many in all
LISTED = 25  # embedding reviews listed, longest overdue first


@dataclass
class LeadToChase:
    """A lead with actions not yet updated in the open cycle."""

    officer: Officer
    actions: list[Action] = field(default_factory=list)
    last_reminded: ReminderSent | None = None

    @property
    def user(self):
        return self.officer.user

    @property
    def reachable(self) -> bool:
        user = self.officer.user
        return user is not None and user.is_active and bool(user.email)

    @property
    def why_unreachable(self) -> str:
        if self.officer.user is None:
            return "no login linked to their entry in the directory"
        if not self.officer.user.is_active:
            return "their login is switched off"
        return "no e-mail address on their login"


@dataclass
class CycleProgress:
    cycle: ReportingCycle
    updated: int
    due: int  # not yet updated, and still needing it (open and not Blue)
    total: int


@dataclass
class Attention:
    plan: ImprovementPlan
    evidence_to_assure: list[Evidence]
    evidence_to_assure_count: int
    blue_awaiting_assurance: int
    blue_held: int
    progress: CycleProgress | None
    leads_to_chase: list[LeadToChase]
    proposals: int
    embedding_reviews_due: list[Action]  # the longest overdue, a page of them
    embedding_reviews_due_count: int

    @property
    def unreachable(self) -> list[LeadToChase]:
        return [lead for lead in self.leads_to_chase if not lead.reachable]


def needs_attention(plan: ImprovementPlan, today: date) -> Attention:
    actions = Action.objects.filter(plan=plan)
    waiting_evidence = Evidence.objects.filter(action__plan=plan, status=EvidenceReview.SUBMITTED)
    blue = actions.filter(rag=Rag.BLUE)
    cycle = plan.cycles.open().first()
    reviews_due = actions.embedding_reviews_due(today)
    return Attention(
        plan=plan,
        evidence_to_assure=list(
            waiting_evidence.select_related("action", "submitted_by").order_by("submitted_at")[
                :EVIDENCE_SHOWN
            ]
        ),
        evidence_to_assure_count=waiting_evidence.count(),
        blue_awaiting_assurance=actions.awaiting_assurance().count(),
        blue_held=blue.filter(evidence_status="held").count(),
        progress=_progress(plan, cycle) if cycle else None,
        leads_to_chase=_leads_to_chase(plan, cycle) if cycle else [],
        proposals=len(concerns.propose_concerns(plan, today)),
        embedding_reviews_due=list(
            reviews_due.order_by("embedding_review_due", "sort_key")[:LISTED]
        ),
        embedding_reviews_due_count=reviews_due.count(),
    )


def _progress(plan, cycle) -> CycleProgress:
    return CycleProgress(cycle=cycle, **Action.objects.filter(plan=plan).cycle_progress())


def _leads_to_chase(plan, cycle) -> list[LeadToChase]:
    waiting = [
        action
        for action in Action.objects.filter(plan=plan)
        .with_cycle_status()
        .prefetch_related(
            Prefetch("sros", queryset=Officer.objects.select_related("user")),
            Prefetch("operational_leads", queryset=Officer.objects.select_related("user")),
        )
        .order_by("sort_key")
        if action.awaits_update
    ]
    leads: dict[int, LeadToChase] = {}
    for action in waiting:
        for officer in {*action.sros.all(), *action.operational_leads.all()}:
            leads.setdefault(officer.pk, LeadToChase(officer=officer)).actions.append(action)
    last = {}
    for reminder in ReminderSent.objects.filter(plan=plan, cycle=cycle).order_by("sent_at"):
        last[reminder.recipient_id] = reminder
    for lead in leads.values():
        lead.last_reminded = last.get(lead.officer.user_id) if lead.officer.user_id else None
    return sorted(leads.values(), key=lambda lead: (-len(lead.actions), lead.officer.label))
