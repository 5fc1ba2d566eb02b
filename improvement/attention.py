"""The PMO's "needs attention" page: what is waiting on the PMO or on a lead this cycle,
each with its count, read in a fixed number of queries whatever the plan's size."""

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from actions.models import Action, Evidence, EvidenceReview, Rag, ReminderSent

from . import concerns
from .models import ImprovementPlan, Officer, ReportingCycle

EVIDENCE_SHOWN = 50  # a page of evidence to assure; the count says how many in all
LISTED = 25  # embedding reviews listed, longest overdue first


class WaitingAction(NamedTuple):
    """An action awaiting its update, as the page names it."""

    pk: int
    number: str


@dataclass
class LeadToChase:
    """A lead with actions not yet updated in the open cycle."""

    officer: Officer
    actions: list[WaitingAction] = field(default_factory=list)
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
    """The SROs and leads of the actions awaiting their update, each with those actions:
    the waiting actions' numbers with their owners' ids in one query, then the officers,
    not every action of the plan with its owners, to be sifted in Python."""
    rows = (
        Action.objects.filter(plan=plan)
        .awaiting_update()
        .order_by("sort_key")
        .values_list("pk", "number", "sros", "operational_leads")
    )
    owners: dict[WaitingAction, set[int]] = {}  # in plan order
    for pk, number, sro_id, lead_id in rows:
        owners.setdefault(WaitingAction(pk, number), set()).update({sro_id, lead_id} - {None})
    officers = Officer.objects.select_related("user").in_bulk(set().union(*owners.values()))
    leads: dict[int, LeadToChase] = {}
    for action, officer_ids in owners.items():
        for officer_id in officer_ids:
            leads.setdefault(officer_id, LeadToChase(officer=officers[officer_id]))
            leads[officer_id].actions.append(action)
    last = {}
    for reminder in ReminderSent.objects.filter(plan=plan, cycle=cycle).order_by("sent_at"):
        last[reminder.recipient_id] = reminder
    for lead in leads.values():
        lead.last_reminded = last.get(lead.officer.user_id) if lead.officer.user_id else None
    return sorted(leads.values(), key=lambda lead: (-len(lead.actions), lead.officer.label))
