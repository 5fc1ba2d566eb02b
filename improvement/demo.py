"""Loads the demo plan (fixtures/demo_plan.json, taken from Southend CCG's Performance Pack
v3.16) and one demo user per role. Safe to run again: everything is matched on its
natural key (organisation name, plan title, area number, action number) and updated."""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from actions.models import Action, DeadlineRevision, ProgressUpdate
from finance.demo import load_finance_demo

from . import clock
from .cycles import open_cycle
from .demo_bodies import load_cambridgeshire_risks, load_ics_workplan, load_llr_ccb
from .demo_cp_plan import load_cp_plan
from .models import (
    ImprovementArea,
    ImprovementPlan,
    ItemKind,
    ItemStatus,
    Meeting,
    MeetingBody,
    MeetingItem,
    MeetingItemReview,
    Officer,
    Organisation,
    ProjectRole,
    Recommendation,
    Role,
)
from .roles import grant_membership

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_PLAN_FILE = FIXTURES / "demo_plan.json"
DEMO_CONCERNS_FILE = FIXTURES / "demo_concerns.json"
# Links made for the demo by topic (the seeds' registers do not name plan actions).
REVISED_AT_CMT = "Revised deadline agreed at CMT (from the Action Concern Report)."
CLOSED_IN_PACK = "Closed in the Performance Pack v3.16 (imported)."
IMPORTED_BY = "Imported from Performance Pack v3.16"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    officer_initials: str = ""


DEMO_USERS = [
    DemoUser("pmo", "Viv", "Molulu", Role.PMO, "VM"),
    DemoUser("lead", "Peter", "King", Role.PROGRAMME_LEAD, "PK"),
    DemoUser("governing-body", "Jose", "GarciaLobera", Role.GOVERNING_BODY, "JGL"),
    DemoUser("nhse", "Andrew", "Pike", Role.NHSE_VIEWER),
]


@transaction.atomic
def load_demo(*, password: str, path: Path = DEMO_PLAN_FILE) -> ImprovementPlan:
    data = json.loads(path.read_text(encoding="utf-8"))
    organisation, _ = Organisation.objects.update_or_create(
        name=data["organisation"]["name"],
        defaults={"short_name": data["organisation"]["short_name"]},
    )
    officers = _load_officers(organisation, data["officers"])
    plan = _load_plan(organisation, data["plan"])
    for position, row in enumerate(data["project_roles"]):
        ProjectRole.objects.update_or_create(
            plan=plan, role=row["role"], defaults={**row, "position": position}
        )
    for area_data in data["areas"]:
        _load_area(plan, area_data, officers)
    users = _load_users(organisation, officers, password)
    if path == DEMO_PLAN_FILE:
        _load_concerns(plan, _read(DEMO_CONCERNS_FILE), users["pmo"])
        ccg, stp = load_cambridgeshire_risks(misfiled_under=organisation, users=users)
        load_cp_plan(ccg)
        load_ics_workplan(stp)
        load_finance_demo(plan=plan, officers=officers, by=users["pmo"])
        load_llr_ccb(by=users["pmo"])
    _open_first_cycle(plan, by=users["pmo"])
    return plan


def _load_concerns(plan, data, pmo) -> None:
    """The seed's Action Concern Report: its CMT meetings, concerns, seen-logs, and the
    revised deadlines it records ("30/11/18 (01/09/18)")."""
    meetings = {}
    for row in data["meetings"]:
        meeting, _ = Meeting.objects.get_or_create(
            organisation=plan.organisation,
            body=MeetingBody.CMT,
            date=date.fromisoformat(row["date"]),
        )
        meetings[row["date"]] = meeting
    for row in data["concerns"]:
        action = Action.objects.get(plan=plan, number=row["action_number"])
        if row["revised_due"]:
            _record_revision(action, row, pmo)
        raised_on = row["first_raised"] or row["seen"][0]
        concern, _ = MeetingItem.objects.update_or_create(
            kind=ItemKind.CONCERN,
            action=action,
            concern_type=row["concern_type"],
            raised_at=meetings[raised_on],
            defaults={
                "organisation": plan.organisation,
                "action_required": row["remedial_required"],
                "action_taken": row["remedial_taken"],
                "comments": row["comments"],
                "status": row["status"],
                "closed_by": pmo if row["status"] == ItemStatus.CLOSED else None,
                "closed_reason": CLOSED_IN_PACK if row["status"] == ItemStatus.CLOSED else "",
            },
        )
        for seen_on in row["seen"]:
            MeetingItemReview.objects.get_or_create(item=concern, meeting=meetings[seen_on])


def _record_revision(action, row, pmo) -> None:
    revised = date.fromisoformat(row["revised_due"])
    DeadlineRevision.objects.get_or_create(
        action=action,
        new_due_date=revised,
        defaults={
            "previous_due_date": date.fromisoformat(row["original_due"]),
            "reason": REVISED_AT_CMT,
            "revised_by": pmo,
        },
    )
    action.due_date = revised
    action.save()


def _open_first_cycle(plan, *, by) -> None:
    """So that leads see what awaits their update; only when the plan has no cycle yet."""
    if not plan.cycles.exists():
        today = clock.today(plan)
        open_cycle(
            plan=plan,
            as_at=today + timedelta(days=14),
            update_deadline=today + timedelta(days=7),
            by=by,
        )


def _load_officers(organisation, rows) -> dict[str, Officer]:
    officers = {}
    for position, row in enumerate(rows):
        officer, _ = Officer.objects.update_or_create(
            organisation=organisation,
            abbreviation=row["abbreviation"],
            title=row["title"],
            defaults={"name": row["name"], "initials": row["initials"], "position": position},
        )
        if officer.initials:
            officers[officer.initials] = officer
    return officers


def _load_plan(organisation, row) -> ImprovementPlan:
    plan, _ = ImprovementPlan.objects.update_or_create(
        organisation=organisation,
        title=row["title"],
        defaults={
            "version": row["version"],
            "as_at": date.fromisoformat(row["as_at"]),
            "gb_approved_on": _date(row["approved_by_gb_on"]),
            "nhse_approved_on": _date(row["approved_by_nhse_on"]),
            # The seed's latest progress update (14.03.19): the demo reads as its owners
            # saw the plan then, not as at today.
            "reporting_clock": _date(row.get("reads_as_at")),
        },
    )
    return plan


def _load_area(plan, area_data, officers) -> None:
    area, _ = ImprovementArea.objects.update_or_create(
        plan=plan, number=area_data["number"], defaults={"title": area_data["title"]}
    )
    for position, rec_data in enumerate(area_data["recommendations"]):
        recommendation, _ = Recommendation.objects.update_or_create(
            area=area,
            position=position,
            defaults={
                "source": rec_data["source"],
                "reference": rec_data["reference"],
                "text": rec_data["text"],
            },
        )
        for action_data in rec_data["actions"]:
            _load_action(area, recommendation, action_data, officers)


def _load_action(area, recommendation, row, officers) -> None:
    try:
        action = Action.objects.get(plan=area.plan, number=row["number"])
    except Action.DoesNotExist:
        action = Action(area=area, number=row["number"])
    action.area = area
    action.recommendation = recommendation
    for field in (
        "text",
        "by_when",
        "outcome_measure",
        "measure_of_success",
        "evidence_status",
        "evidence_required",
        "evidence_detail",
        "actions_to_complete",
        "in_scope",
    ):
        setattr(action, field, row[field])
    action.rag = row["rag"] or ""
    action.start_date = action.due_date = None  # derived again from the label
    action.full_clean()
    action.save()
    action.sros.set([officers[initials] for initials in row["sro"]])
    action.operational_leads.set([officers[initials] for initials in row["operational_leads"]])
    for update in row["progress"]:
        ProgressUpdate.objects.get_or_create(
            action=action,
            reported_on=date.fromisoformat(update["date"]),
            text=update["text"],
            defaults={"author_name": IMPORTED_BY},
        )


def _load_users(organisation, officers, password) -> dict:
    User = get_user_model()
    users = {}
    for demo in DEMO_USERS:
        user, _ = User.objects.update_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": f"{demo.username}@demo.invalid",
            },
        )
        user.set_password(password)
        user.save()
        grant_membership(user=user, organisation=organisation, role=demo.role)
        if demo.officer_initials:
            officer = officers[demo.officer_initials]
            officer.user = user
            officer.save(update_fields=["user"])
        users[demo.username] = user
    return users


def _read(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
