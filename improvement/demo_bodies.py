"""The demo's organisations other than Southend, as their seeds report them: the LLR CCGs'
Commissioning Collaborative Board (seed 004), a joint committee of three CCGs with its
public action log; the Cambridgeshire and Peterborough CCG's risk register (seed 000) and
its STP's strategic risks (seed 003) and the C&P ICS development plan (seed 001)."""

import json
import re
from datetime import date
from decimal import Decimal

from django.conf import settings

from actions import numbering
from actions.by_when import parse_by_when
from actions.models import Action
from finance.models import RiskAdjustedQipp
from risks.models import FinancialRisk, Register, Risk, ScoreBasis

from .models import (
    ImprovementArea,
    ImprovementPlan,
    ItemKind,
    ItemStatus,
    Meeting,
    MeetingBody,
    MeetingItem,
    Officer,
    Organisation,
    Recommendation,
    RecommendationSource,
    Role,
)
from .roles import grant_membership

LLR_CCB_FILE = settings.BASE_DIR / "fixtures" / "demo_llr_ccb.json"
CLOSED_IN_LOG = "Closed in the action log (progress as at 17 October 2019)."


def load_llr_ccb(*, by) -> Organisation:
    """The board, its member CCGs (loaded with the QIPP demo), its officers, meeting and
    action log. Run again, it updates rather than duplicates."""
    data = json.loads(LLR_CCB_FILE.read_text(encoding="utf-8"))
    body, _ = Organisation.objects.update_or_create(
        name=data["body"]["name"],
        defaults={"short_name": data["body"]["short_name"], "is_system_body": True},
    )
    body.members.set(Organisation.objects.filter(name__in=data["body"]["members"]))
    officers = {}
    for position, row in enumerate(data["officers"]):
        officer, _ = Officer.objects.update_or_create(
            organisation=body,
            initials=row["initials"],
            defaults={**row, "position": position},
        )
        officers[row["initials"]] = officer
    meetings = {}
    for row in data["meetings"]:
        meeting, _ = Meeting.objects.update_or_create(
            organisation=body,
            body=MeetingBody.JOINT_COMMITTEE,
            date=date.fromisoformat(row["date"]),
            defaults={"title": row["title"]},
        )
        meetings[row["date"]] = meeting
    for row in data["action_log"]:
        closed = row["closed"]
        MeetingItem.objects.update_or_create(
            organisation=body,
            kind=ItemKind.DECISION,
            minute_no=row["minute_no"],
            defaults={
                "raised_at": meetings[row["meeting"]],
                "item": row["item"],
                "responsible": officers[row["responsible"]],
                "action_required": row["action_required"],
                "due_label": row["due_label"],
                "action_taken": row["progress"],
                "progress_as_at": date.fromisoformat(row["progress_as_at"]),
                "log_status": row["log_status"],
                "status": ItemStatus.CLOSED if closed else ItemStatus.OPEN,
                "closed_by": by if closed else None,
                "closed_reason": CLOSED_IN_LOG if closed else "",
            },
        )
    return body


# --- Cambridgeshire and Peterborough ---------------------------------------------------------

CP_RISKS_FILE = settings.BASE_DIR / "fixtures" / "demo_risks.json"
CP_CCG = {"name": "NHS Cambridgeshire and Peterborough CCG", "short_name": "C&P CCG"}
CP_STP = {
    "name": "Cambridgeshire and Peterborough STP",
    "short_name": "C&P STP",
    "is_system_body": True,
}
MOVED = "Moved from {old}: the seed's register belongs to {new}."


def load_cambridgeshire_risks(
    *, misfiled_under: Organisation, users: dict
) -> tuple[Organisation, Organisation]:
    """Seed 000's operational risk register under the C&P CCG, owned by the posts it names
    (it gives no names), and seed 003's STP strategic risks under the C&P STP with their
    risk scores before and after mitigation as given: no likelihood x impact split and no
    owner, which the seed does not give. Risks an earlier demo loaded under
    `misfiled_under` (Southend) are moved, not copied. Returns the CCG and the STP."""
    data = json.loads(CP_RISKS_FILE.read_text(encoding="utf-8"))
    ccg, _ = Organisation.objects.update_or_create(name=CP_CCG["name"], defaults=CP_CCG)
    stp, _ = Organisation.objects.update_or_create(name=CP_STP["name"], defaults=CP_STP)
    stp.members.add(ccg)
    for username, role in (("pmo", Role.PMO), ("governing-body", Role.GOVERNING_BODY)):
        if username in users:
            grant_membership(user=users[username], organisation=ccg, role=role)
    for row in data["risks"]:
        owner_of = stp if row["register"] == Register.SYSTEM else ccg
        risk = _risk_to_load(row["reference"], owner_of, misfiled_under)
        for field in ("title", "description", "category", "ciaf_domain", "register"):
            setattr(risk, field, row[field])
        risk.impact, risk.mitigations = row["impact"], row["mitigations"]
        risk.plan = None
        if owner_of == stp:
            _score_before_and_after_mitigation(risk, row["scores_as_written"])
            risk.owner = None
        else:
            _score_on_the_matrix(risk, row)
            risk.owner = post_by_title(ccg, row["owner_text"])
        risk._score_change_allowed = True  # the register's own scores, as written
        risk.full_clean()
        risk.save()
    load_financial_plan_risks(ccg)
    return ccg, stp


def _risk_to_load(reference: str, organisation, misfiled_under) -> Risk:
    risk = Risk.objects.filter(organisation=organisation, reference=reference).first()
    if risk is not None:
        return risk
    misfiled = Risk.objects.filter(organisation=misfiled_under, reference=reference).first()
    if misfiled is None:
        return Risk(organisation=organisation, reference=reference)
    misfiled._change_reason = MOVED.format(old=misfiled_under, new=organisation)[:100]
    misfiled.organisation = organisation
    misfiled.mitigating_actions.clear()  # they were another organisation's actions
    misfiled.snapshots.all().delete()  # frozen in another organisation's cycles
    return misfiled


def _score_on_the_matrix(risk, row) -> None:
    risk.score_basis = ScoreBasis.MATRIX
    risk.pre_mitigation_score = risk.post_mitigation_score = None
    for which in ("initial", "current", "target"):
        likelihood, impact = row[which] or (None, None)
        setattr(risk, f"{which}_likelihood", likelihood)
        setattr(risk, f"{which}_impact", impact)


def _score_before_and_after_mitigation(risk, written) -> None:
    """Seed 003's "Risk Score" and "Post Risk Score" columns, e.g. 20 and 16."""
    risk.score_basis = ScoreBasis.PRE_POST
    risk.pre_mitigation_score = int(written["current"])
    risk.post_mitigation_score = int(written["target"]) if written["target"] else None
    for which in ("initial", "current", "target"):
        setattr(risk, f"{which}_likelihood", None)
        setattr(risk, f"{which}_impact", None)


def post_by_title(organisation, title: str, position: int = 0) -> Officer:
    """A post a seed names by its title only: no holder's name, no initials."""
    officer, _ = Officer.objects.get_or_create(
        organisation=organisation,
        title=title,
        abbreviation="",
        initials="",
        defaults={"position": position},
    )
    return officer


# --- the C&P ICS development plan (seed 001) ------------------------------------------------

ICS_WORKPLAN_FILE = settings.BASE_DIR / "fixtures" / "demo_ics_workplan.json"
_INITIALS = re.compile(r"^[A-Z]{2,3}$")


def load_ics_workplan(system: Organisation) -> ImprovementPlan:
    """Seed 001's workplan as a plan of the C&P system, in its own words: themes, the
    workstreams under them, and their actions with the owners and deadlines the seed
    writes. The seed gives no references, no RAG and no progress; the product numbers the
    actions by theme and order, and leaves the rest empty."""
    data = json.loads(ICS_WORKPLAN_FILE.read_text(encoding="utf-8"))
    plan, _ = ImprovementPlan.objects.update_or_create(
        organisation=system,
        title=data["plan"]["title"],
        defaults={
            "as_at": date.fromisoformat(data["plan"]["as_at"]),
            "reporting_clock": date.fromisoformat(data["plan"]["reads_as_at"]),
            "area_term": "Theme",
            "recommendation_term": "Workstream",
            "action_term": "Action",
        },
    )
    owners: dict[str, Officer] = {}
    if not Action.objects.filter(plan=plan).exists():
        _create_workplan(plan, data["themes"], owners)
        return plan
    for theme_number, theme in enumerate(data["themes"], start=1):
        area, _ = ImprovementArea.objects.update_or_create(
            plan=plan, number=theme_number, defaults={"title": theme["title"]}
        )
        number = 0
        for position, workstream in enumerate(theme["workstreams"]):
            recommendation, _ = Recommendation.objects.update_or_create(
                area=area,
                position=position,
                defaults={"source": RecommendationSource.OTHER, "text": workstream["title"]},
            )
            for row in workstream["actions"]:
                number += 1
                action = Action.objects.filter(plan=plan, number=f"{theme_number}.{number}")
                action = action.first() or Action(area=area, number=f"{theme_number}.{number}")
                action.area, action.recommendation = area, recommendation
                action.text, action.by_when = row["text"], row["by_when"]
                action.start_date = action.due_date = None  # derived from the label
                action.full_clean()
                action.save()
                action.sros.set([_owner(system, owners, name) for name in row["owners"]])
    return plan


def _create_workplan(plan, themes, owners: dict) -> None:
    """A first load in a few bulk writes (the demo loads in every test that uses it); the
    deadlines are read as `Action.clean` reads them, and a reload goes row by row."""
    sros = Action.sros.through
    rows, links = [], []
    for theme_number, theme in enumerate(themes, start=1):
        area = ImprovementArea.objects.create(plan=plan, number=theme_number, title=theme["title"])
        number = 0
        for position, workstream in enumerate(theme["workstreams"]):
            recommendation = Recommendation.objects.create(
                area=area,
                position=position,
                source=RecommendationSource.OTHER,
                text=workstream["title"],
            )
            for row in workstream["actions"]:
                number += 1
                deadline = parse_by_when(row["by_when"], plan.year_of_month)
                action = Action(
                    plan=plan,
                    area=area,
                    recommendation=recommendation,
                    number=f"{theme_number}.{number}",
                    sort_key=numbering.sort_key(f"{theme_number}.{number}"),
                    text=row["text"],
                    by_when=row["by_when"],
                    start_date=deadline.start,
                    due_date=deadline.due,
                )
                rows.append(action)
                links.append([_owner(plan.organisation, owners, name) for name in row["owners"]])
    Action.objects.bulk_create(rows)
    sros.objects.bulk_create(
        sros(action=action, officer=officer)
        for action, officers in zip(rows, links, strict=True)
        for officer in officers
    )


def _owner(organisation, owners: dict, written: str) -> Officer:
    """ "KC" is an officer known by initials; "System Leaders" or "REGION" a group named as
    the seed writes it. Neither has a name in the seed."""
    if written not in owners:
        if _INITIALS.match(written):
            lookup = {"initials": written, "defaults": {"abbreviation": "", "title": ""}}
        else:
            lookup = {"title": written, "initials": "", "defaults": {"abbreviation": ""}}
        owners[written], _ = Officer.objects.get_or_create(organisation=organisation, **lookup)
    return owners[written]


CP_FINANCIAL_RISKS_FILE = settings.BASE_DIR / "fixtures" / "demo_financial_risks.json"


def load_financial_plan_risks(ccg: Organisation) -> None:
    """Seed 000's financial plan risks (£m) and its risk-adjusted QIPP (£000s), row for
    row, under the C&P CCG. The seed lists no QIPP schemes, so none are made up."""
    data = json.loads(CP_FINANCIAL_RISKS_FILE.read_text(encoding="utf-8"))
    qipp = data["risk_adjusted_qipp"]
    for position, row in enumerate(qipp["rows"]):
        RiskAdjustedQipp.objects.update_or_create(
            organisation=ccg,
            table=qipp["table"],
            position=position,
            defaults={
                "status": row["status"],
                "rag": row["rag"],
                "net_value": Decimal(row["net_value"]),
                "risk_adjusted": Decimal(row["risk_adjusted"]),
            },
        )
    for position, row in enumerate(data["rows"]):
        money = {
            key: Decimal(row[key]) if row[key] not in ("", None) else None
            for key in ("total_risk", "residual", "mitigated", "in_forecast")
        }
        FinancialRisk.objects.update_or_create(
            organisation=ccg,
            table=data["table"],
            position=position,
            defaults={
                "group": row["group"],
                "area": row["area"],
                "risk_comment": row["risk_comment"],
                "mitigation_comment": row["mitigation_comment"],
                **money,
            },
        )
