import io
from decimal import Decimal

from django.core.management import call_command
from django.db import transaction

from actions.models import Action, ProgressUpdate
from finance.dashboards import qipp_dashboard
from finance.models import QippProgramme, QippScheme, SchemeMonth
from improvement.models import ImprovementPlan, Organisation
from risks.models import Risk


def generate(seed):
    call_command(
        "generate_scale", "--seed", seed, "--organisations", 2, "--plans", 3,
        "--actions", 60, "--updates", 120, "--risks", 10, "--schemes", 12,
        stdout=io.StringIO(),
    )  # fmt: skip


def test_the_generator_makes_what_it_is_asked_for(db):
    generate(1)
    assert Organisation.objects.count() == 2
    assert ImprovementPlan.objects.count() == 3
    assert Action.objects.count() == 60
    assert ProgressUpdate.objects.count() == 120
    assert Risk.objects.count() == 10
    assert QippScheme.objects.count() == 12
    assert SchemeMonth.objects.count() == 12 * 12


def test_generated_qipp_reads_on_the_dashboard(db):
    """Every organisation has a target; the schemes' plans add up on the dashboard."""
    generate(2)
    programme = QippProgramme.objects.get()
    organisations = list(Organisation.objects.values_list("pk", flat=True))
    dashboard = qipp_dashboard(programme, organisations)
    identified = [line for line in dashboard.lines if not line.is_unidentified]
    assert len(identified) == 12
    # Seed 2 always generates the same schemes: their 144 planned months sum to 1,073.00.
    assert sum(m.plan for m in SchemeMonth.objects.all()) == Decimal("1073.00")
    assert sum(line.annual_plan for line in identified) == Decimal("1073.00")


def test_the_same_seed_gives_the_same_data(db):
    with transaction.atomic():
        generate(7)
        first = list(
            Action.objects.order_by("plan__title", "sort_key").values_list("number", "text", "rag")
        )
        transaction.set_rollback(True)
    generate(7)
    second = list(
        Action.objects.order_by("plan__title", "sort_key").values_list("number", "text", "rag")
    )
    assert first == second


def test_generated_actions_keep_the_plans_rules(db):
    generate(3)
    for action in Action.objects.filter(rag="B"):
        assert action.evidence_status == "accepted"
    numbers = Action.objects.values_list("plan_id", "number")
    assert len(set(numbers)) == len(numbers)
