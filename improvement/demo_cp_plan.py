"""Seed 000's Improvement & Delivery Plan 2018/19 under the Cambridgeshire and Peterborough
CCG, in its own words: six sections, 17 numbered recommendations, and their lettered
requirements ("1a", "12b") with the due date, GB owner, RAG word and status each table
row writes. The seed gives no progress, evidence or operational leads: those stay empty."""

import json
from datetime import date

from django.conf import settings

from actions.models import Action

from .demo_bodies import post_by_title
from .models import (
    ImprovementArea,
    ImprovementPlan,
    Officer,
    Organisation,
    Recommendation,
    RecommendationSource,
)

CP_PLAN_FILE = settings.BASE_DIR / "fixtures" / "demo_cp_plan.json"
PLAN_SETTINGS = (
    "area_term",
    "recommendation_term",
    "action_term",
    "gb_owner_term",
    "reference_style",
    "statuses",
    "rag_words",
)
CLOSED = "Closed"


def load_cp_plan(ccg: Organisation) -> ImprovementPlan:
    """Run again, it updates rather than duplicates (matched on section number, the
    recommendation's number and the requirement's reference)."""
    data = json.loads(CP_PLAN_FILE.read_text(encoding="utf-8"))
    written = data["plan"]
    plan, _ = ImprovementPlan.objects.update_or_create(
        organisation=ccg,
        title=written["title"],
        defaults={
            "as_at": date.fromisoformat(written["as_at"]),
            "reporting_clock": date.fromisoformat(written["reads_as_at"]),
            **{field: written[field] for field in PLAN_SETTINGS},
        },
    )
    owners = _gb_owners(ccg, data["gb_owners"])
    existing = {action.number: action for action in Action.objects.filter(plan=plan)}
    for section_number, section in enumerate(data["sections"], start=1):
        area, _ = ImprovementArea.objects.update_or_create(
            plan=plan, number=section_number, defaults={"title": section["title"]}
        )
        for position, row in enumerate(section["recommendations"]):
            recommendation, _ = Recommendation.objects.update_or_create(
                area=area,
                reference=str(row["number"]),
                defaults={
                    # Slide 12: the plan "is based around the PwC Capacity And Capability
                    # Review recommendations".
                    "source": RecommendationSource.CAPABILITY_REVIEW,
                    "text": row["text"],
                    "position": position,
                },
            )
            for requirement in row["requirements"]:
                reference = f"{row['number']}{requirement['reference']}"
                action = existing.get(reference) or Action(area=area, number=reference)
                _write_requirement(action, plan, area, recommendation, requirement, owners)
    return plan


def _write_requirement(action, plan, area, recommendation, row, owners) -> None:
    action.plan = plan
    action.area, action.recommendation = area, recommendation
    action.text = row["text"]
    action.by_when = row["due"]
    action.start_date = action.due_date = None  # read from the label, in the plan's year
    action.rag, action.rag_as_written = plan.rag_for_word(row["rag"])
    action.status = row["status"]
    action.is_closed = row["status"] == CLOSED
    action.gb_owner = owners[row["gb_owner"]]
    action.full_clean()
    action.save()


def _gb_owners(ccg: Organisation, titles: dict[str, str]) -> dict[str, Officer]:
    """One directory entry per GB owner as the tables write it ("CFO", "Chair/AO", "All"),
    titled where the seed spells the post out (its leadership framework) and
    untitled where it does not. Joint owners stay one entry, as written. A post written
    in full ("Chief Officer") is the one the risk register names."""
    owners = {}
    for position, (written, title) in enumerate(titles.items(), start=100):
        if written == title:
            owners[written] = post_by_title(ccg, written, position)
            continue
        owners[written], _ = Officer.objects.get_or_create(
            organisation=ccg,
            initials="",
            abbreviation=written,
            title=title,
            defaults={"position": position},
        )
    return owners
