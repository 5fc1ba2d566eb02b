"""Giving a plan the words of the layout it is imported from: "Section" and
"Requirement", lettered references, a GB Owner column, RAG words and statuses for seed
000's requirement tables; "Theme" and "Workstream" for seed 001's workplan."""

from actions.models import Action

from .parse_layouts import PlanWords

EXAMPLES = {"dotted": '"1.3.1"', "lettered": '"12b"', "as_written": "as written"}


def give_plan_words(plan, words: PlanWords, report, sheet: str) -> bool:
    """An empty plan takes all the layout's words; a plan with actions keeps its own, adds
    the statuses it has not seen, and cannot change how it numbers its actions (False,
    with the problem reported)."""
    has_actions = Action.objects.filter(plan=plan).exists()
    if has_actions and plan.reference_style != words.reference_style:
        report.problem(
            sheet,
            None,
            "",
            f"This plan numbers its actions {EXAMPLES[plan.reference_style]}, and the "
            f"workbook's are numbered {EXAMPLES[words.reference_style]}: import it into a "
            "new plan, or renumber the workbook.",
        )
        return False
    if not has_actions:
        plan.area_term = words.area_term
        plan.recommendation_term = words.recommendation_term
        plan.action_term = words.action_term
        plan.reference_style = words.reference_style
        plan.gb_owner_term = words.gb_owner_term or plan.gb_owner_term
        plan.rag_words = plan.rag_words or words.rag_words
    statuses = plan.status_choices
    statuses += [status for status in words.statuses if status not in statuses]
    plan.statuses = ", ".join(statuses)
    plan.full_clean()
    plan.save()
    return True
