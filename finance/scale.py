"""Synthetic QIPP for scale tests (`manage.py generate_scale --schemes N`): one programme
for the generated organisations, each with a target, and N schemes spread over them with
twelve months of plan (and actuals to the reporting month). Bulk-inserted; the caller's
random generator makes it reproducible."""

from decimal import Decimal

from .models import (
    ProgrammeArea,
    QippProgramme,
    QippScheme,
    QippTarget,
    SchemeMonth,
    TargetMonth,
    Workstream,
)

AREAS = ["Acute Services", "Community Health services", "Prescribing", "Primary Care"]
WORKSTREAMS = ["Planned Care", "Urgent Care", "Medicines Optimisation", "Primary Care"]
STAGES = ["pipeline", "design", "developed", "developed"]
RATINGS = ["G", "G", "A", "R"]
REPORTING_MONTH = 6


def generate_qipp(*, rng, label: str, organisations, officers, schemes: int) -> QippProgramme:
    """`officers` maps an organisation's id to its officers (SROs are drawn from them)."""
    programme = QippProgramme.objects.create(
        name=f"{label} QIPP programme",
        system_name=label,
        year_start=2019,
        reporting_month=REPORTING_MONTH,
    )
    areas = [ProgrammeArea.objects.get_or_create(name=name)[0] for name in AREAS]
    workstreams = [Workstream.objects.get_or_create(name=name)[0] for name in WORKSTREAMS]
    targets = QippTarget.objects.bulk_create(
        QippTarget(programme=programme, organisation=organisation) for organisation in organisations
    )
    per_organisation = max(schemes // max(len(organisations), 1), 1)
    TargetMonth.objects.bulk_create(
        TargetMonth(target=target, month=month, amount=Decimal(per_organisation * 12))
        for target in targets
        for month in range(1, 13)
    )
    created = QippScheme.objects.bulk_create(
        (
            QippScheme(
                programme=programme,
                organisation=organisations[n % len(organisations)],
                number=f"{n % 9 + 1}.{n // 9 + 1}",
                name=f"Scale scheme {n + 1}",
                programme_area=rng.choice(areas),
                workstream=rng.choice(workstreams),
                sro=rng.choice(officers[organisations[n % len(organisations)].pk]),
                planning_stage=rng.choice(STAGES),
                forecast=Decimal(rng.randrange(20, 200)),
                assured_value=Decimal(rng.randrange(0, 150)),
                milestones_rag=rng.choice(RATINGS),
                benefits_rag=rng.choice(RATINGS),
                risk_rag=rng.choice(RATINGS),
            )
            for n in range(schemes)
        ),
        batch_size=2000,
    )
    SchemeMonth.objects.bulk_create(
        (
            SchemeMonth(
                scheme=scheme,
                month=month,
                plan=Decimal(rng.randrange(1, 15)),
                actual=Decimal(rng.randrange(0, 15)) if month <= REPORTING_MONTH else None,
            )
            for scheme in created
            for month in range(1, 13)
        ),
        batch_size=5000,
    )
    return programme
