"""A synthetic system for scale tests, reproducible from a seed.

    python manage.py generate_scale --seed 1 --organisations 3 --plans 20 \\
        --actions 10000 --updates 50000 --risks 1000 --schemes 2000

Everything is bulk-inserted; the same seed gives the same data.
"""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction

from actions.models import Action, ProgressUpdate
from finance.scale import generate_qipp
from improvement.models import ImprovementArea, ImprovementPlan, Officer, Organisation
from risks.models import Risk

RAGS = ["R", "A", "A", "G", "G", "G", "B", ""]
WORDS = [
    "review",
    "deliver",
    "agree",
    "commission",
    "implement",
    "report",
    "assure",
    "train",
    "recruit",
    "embed",
]


class Command(BaseCommand):
    help = (
        "Generate a large synthetic system "
        "(organisations, plans, actions, updates, risks, QIPP schemes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--organisations", type=int, default=3)
        parser.add_argument("--plans", type=int, default=20)
        parser.add_argument("--actions", type=int, default=10000)
        parser.add_argument("--updates", type=int, default=50000)
        parser.add_argument("--risks", type=int, default=1000)
        parser.add_argument("--schemes", type=int, default=2000)

    @transaction.atomic
    def handle(
        self, *args, seed, organisations, plans, actions, updates, risks, schemes, **options
    ):
        rng = random.Random(seed)
        orgs = [
            Organisation.objects.create(
                name=f"Scale {seed} CCG {n + 1}", short_name=f"S{seed}-{n + 1}"
            )
            for n in range(organisations)
        ]
        officers = {
            org.pk: Officer.objects.bulk_create(
                Officer(
                    organisation=org,
                    abbreviation=f"R{k}",
                    title=f"Role {k}",
                    name=f"Officer {k}",
                    initials=f"O{k}",
                )
                for k in range(20)
            )
            for org in orgs
        }
        plan_objs = [
            ImprovementPlan.objects.create(
                organisation=orgs[n % organisations],
                title=f"Scale plan {n + 1}",
                as_at=datetime.date(2019, 1, 10),
            )
            for n in range(plans)
        ]
        areas = {
            plan.pk: ImprovementArea.objects.bulk_create(
                ImprovementArea(plan=plan, number=k, title=f"Area {k}") for k in range(1, 7)
            )
            for plan in plan_objs
        }
        created = []
        for n in range(actions):
            plan = plan_objs[n % plans]
            within_plan = n // plans
            area = areas[plan.pk][within_plan % 6]
            index = within_plan // 6 + 1
            rag = rng.choice(RAGS)
            created.append(
                Action(
                    plan=plan,
                    area=area,
                    number=f"{area.number}.{index}",
                    sort_key=f"{area.number:04d}.{index:04d}",
                    text=" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + ".",
                    rag=rag,
                    evidence_status="accepted" if rag == "B" else "required",
                    due_date=datetime.date(2018, 1, 1)
                    + datetime.timedelta(days=rng.randrange(900)),
                )
            )
        created = Action.objects.bulk_create(created, batch_size=2000)
        through = Action.sros.through
        through.objects.bulk_create(
            (
                through(action=a, officer=rng.choice(officers[a.plan.organisation_id]))
                for a in created
            ),
            batch_size=5000,
        )
        ProgressUpdate.objects.bulk_create(
            (
                ProgressUpdate(
                    action=rng.choice(created),
                    text=" ".join(rng.choice(WORDS) for _ in range(20)),
                    reported_on=datetime.date(2018, 1, 1)
                    + datetime.timedelta(days=rng.randrange(400)),
                    author_name="Scale generator",
                )
                for _ in range(updates)
            ),
            batch_size=5000,
        )
        Risk.objects.bulk_create(
            (
                Risk(
                    organisation=orgs[n % organisations],
                    reference=f"S-{n + 1:05d}",
                    title=f"Scale risk {n + 1}",
                    description="There is a risk that "
                    + " ".join(rng.choice(WORDS) for _ in range(10)),
                    category=rng.choice(
                        ["financial", "quality", "governance", "stakeholder", "other"]
                    ),
                    register=rng.choice(["baf", "corporate", "operational", "system"]),
                    owner=rng.choice(officers[orgs[n % organisations].pk]),
                    current_likelihood=rng.randint(1, 5),
                    current_impact=rng.randint(1, 5),
                )
                for n in range(risks)
            ),
            batch_size=2000,
        )
        if schemes:
            generate_qipp(
                rng=rng, label=f"Scale {seed}", organisations=orgs, officers=officers,
                schemes=schemes,
            )  # fmt: skip
        self.stdout.write(
            f"Generated {organisations} organisations, {plans} plans, {actions} actions, "
            f"{updates} progress updates, {risks} risks and {schemes} QIPP schemes "
            f"(seed {seed})."
        )
