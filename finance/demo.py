"""Loads seed 004's QIPP programme and financial recovery plan (fixtures/demo_finance.json):
the three LLR CCGs with their officers, targets and 137 scheme lines, month 6's forecast
movements, and the system FRP. The demo PMO and Governing Body users become members of
each CCG. Safe to run again: everything is matched on its natural key, and a scheme's
forecast and its revisions are written only when the scheme is first created.

What the seed gives per scheme line (Appendices 3-5 of Paper D): number, name, the three
PMO ratings, year-to-date plan and actual at M6, annual plan, forecast outturn and assured
value. What it does not, the fixture assigns, and says so:
- workstream: from Tables 1 and 2, whose cells the lines reproduce exactly;
- programme area: by subject (acute contracts, community, mental health incl. LPT growth,
  prescribing, primary care, continuing care, running costs). The executive summary's split
  by area is made from finer lines than the seed prints and cannot be rebuilt from them;
- planning stage: Developed, except Same Day Emergency Care (Design: the summary's Acute
  design total is exactly its 2,000), Running Costs, High Cost Drugs Stretch and the two
  LPT short-term reductions (Design), Audiology and Clinical Director QIPP (Pipeline);
- gateway stage: 5 Closure for the seed's Blue (completed) lines, else from the planning
  stage; recurrence: non-recurrent only where the name says so;
- SRO: the lead the seed names for the subject (Sarah Smith for SDEC and Falls, Tamsin
  Hooton for Community Services Redesign, Yasmin Sidyot for Integrated Urgent Care, Ket
  Chudasama for Planned Care, Tim Sacks for ELR's primary care), otherwise the CCG's
  chief finance officer (Donna Enoux, Spencer Gay, Michelle Iliffe);
- monthly phasing: the year to date spread evenly over M1-M6, the rest over M7-M12.
"""

import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from improvement.models import Officer, Organisation, Role
from improvement.roles import grant_membership

from . import periods, services
from .models import (
    ProgrammeArea,
    QippProgramme,
    QippScheme,
    QippTarget,
    RecoveryPlan,
    RecoveryPosition,
    RecoveryScheme,
    RecoveryShare,
    SchemeMonth,
    TargetMonth,
    Workstream,
)

DEMO_FINANCE_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo_finance.json"
UNIDENTIFIED = "Unidentified"
MEMBERS = [("pmo", Role.PMO), ("governing-body", Role.GOVERNING_BODY)]
PENNY = Decimal("0.01")
SCHEME_FIELDS = ["name", "planning_stage", "gateway_stage", "recurrence", "commentary"]


@transaction.atomic
def load_finance_demo(*, plan=None, officers=None, by, path: Path = DEMO_FINANCE_FILE):
    """`plan` and `officers` are the Southend demo's, unused: seed 004's schemes belong to
    the LLR CCGs, created here with their own directories."""
    data = json.loads(path.read_text(encoding="utf-8"))
    areas = _load_list(ProgrammeArea, data["programme_areas"])
    workstreams = _load_list(Workstream, data["workstreams"])
    programme = _load_programme(data["programme"])
    organisations, directory = {}, {}
    for row in data["organisations"]:
        organisation = _load_organisation(row)
        organisations[row["short_name"]] = organisation
        for officer in _load_officers(organisation, row["officers"]):
            directory[(row["short_name"], officer.initials)] = officer
        _load_target(programme, organisation, row)
    for row in data["schemes"]:
        _load_scheme(programme, row, organisations, directory, areas, workstreams, by)
    _load_months(programme, data["schemes"], organisations)
    _load_recovery(programme, data["recovery_plan"], organisations)
    return programme


def _load_list(model, names) -> dict:
    entries = {}
    for position, name in enumerate(names):
        entries[name], _ = model.objects.update_or_create(
            name=name,
            defaults={"position": position, "holds_unidentified": name == UNIDENTIFIED},
        )
    return entries


def _load_programme(row) -> QippProgramme:
    year = periods.FinancialYear.parse(row["financial_year"])
    programme, _ = QippProgramme.objects.update_or_create(
        name=row["name"],
        year_start=year.start_year,
        defaults={"system_name": row["system_name"], "reporting_month": row["reporting_month"]},
    )
    return programme


def _load_organisation(row) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(
        name=row["name"], defaults={"short_name": row["short_name"]}
    )
    users = get_user_model().objects.filter(username__in=[name for name, _ in MEMBERS])
    roles = dict(MEMBERS)
    for user in users:
        grant_membership(user=user, organisation=organisation, role=roles[user.username])
    return organisation


def _load_officers(organisation, rows) -> list[Officer]:
    officers = []
    for position, row in enumerate(rows):
        officer, _ = Officer.objects.update_or_create(
            organisation=organisation,
            initials=row["initials"],
            defaults={
                "abbreviation": row["abbreviation"],
                "title": row["title"],
                "name": row["name"],
                "position": position,
            },
        )
        officers.append(officer)
    return officers


def _load_target(programme, organisation, row) -> None:
    target, _ = QippTarget.objects.get_or_create(programme=programme, organisation=organisation)
    phasing = _phase(
        Decimal(row["target_ytd"]), Decimal(row["target_annual"]), programme.reporting_month
    )
    for month, amount in phasing.items():
        TargetMonth.objects.update_or_create(
            target=target, month=month, defaults={"amount": amount}
        )


def _load_scheme(programme, row, organisations, directory, areas, workstreams, by) -> None:
    organisation = organisations[row["organisation"]]
    wanted = {
        **{name: row.get(name, "") for name in SCHEME_FIELDS},
        "programme_area": areas[row["programme_area"]],
        "workstream": workstreams[row["workstream"]],
        "sro": directory[tuple(row["sro"])],
        "milestones_rag": row["milestones"],
        "benefits_rag": row["benefits"],
        "risk_rag": row["risk"],
        "assured_value": Decimal(row["assured"]),
    }
    key = {"programme": programme, "organisation": organisation}
    scheme = QippScheme.objects.filter(**key, number=row["number"], line=row["line"]).first()
    if scheme is not None:
        changed = [name for name, value in wanted.items() if getattr(scheme, name) != value]
        if changed:
            for name in changed:
                setattr(scheme, name, wanted[name])
            scheme.full_clean()
            scheme.save()
        return
    movements = [Decimal(m["amount"]) for m in row["movements"]]
    scheme = QippScheme(
        **key,
        **wanted,
        number=row["number"],
        line=row["line"],
        forecast=Decimal(row["forecast"]) - sum(movements, Decimal("0.00")),
    )
    scheme._history_user = by
    scheme.full_clean()
    scheme.save()
    for movement in row["movements"]:
        services.revise_forecast(
            scheme=scheme,
            forecast=scheme.forecast + Decimal(movement["amount"]),
            reason=movement["reason"],
            by=by,
        )


def _load_months(programme, rows, organisations) -> None:
    """Each scheme's plan and actual by month, in bulk: the seed gives only the year to date
    at M6 and the annual plan, so each is spread evenly over its months."""
    schemes = {
        (s.organisation_id, s.number, s.line): s
        for s in QippScheme.objects.filter(programme=programme)
    }
    existing = {
        (f.scheme_id, f.month): f for f in SchemeMonth.objects.filter(scheme__programme=programme)
    }
    month = programme.reporting_month
    new, changed = [], []
    for row in rows:
        scheme = schemes[(organisations[row["organisation"]].pk, row["number"], row["line"])]
        plans = _phase(Decimal(row["ytd_plan"]), Decimal(row["annual_plan"]), month)
        actuals = _phase(Decimal(row["ytd_actual"]), Decimal(row["ytd_actual"]), month)
        for number, plan in plans.items():
            actual = actuals[number] if number <= month else None
            figure = existing.get((scheme.pk, number))
            if figure is None:
                new.append(SchemeMonth(scheme=scheme, month=number, plan=plan, actual=actual))
            elif (figure.plan, figure.actual) != (plan, actual):
                figure.plan, figure.actual = plan, actual
                changed.append(figure)
    SchemeMonth.objects.bulk_create(new)
    SchemeMonth.objects.bulk_update(changed, ["plan", "actual"])


def _phase(to_date: Decimal, annual: Decimal, month: int) -> dict[int, Decimal]:
    """`to_date` spread evenly over M1..M`month` and the rest of `annual` over the months
    after, to the penny of a thousand; each part's rounding remainder in its last month."""
    result = {}
    for months, total in (
        (range(1, month + 1), to_date),
        (range(month + 1, 13), annual - to_date),
    ):
        if not months:
            continue
        share = (total / len(months)).quantize(PENNY, ROUND_HALF_UP)
        for number in months:
            result[number] = share
        result[months[-1]] = total - share * (len(months) - 1)
    return result


def _load_recovery(programme, data, organisations) -> None:
    plan, _ = RecoveryPlan.objects.update_or_create(
        programme=programme,
        as_at=date.fromisoformat(data["as_at"]),
        defaults={"title": data["title"], "forecast_month": data["forecast_month"]},
    )
    for position, row in enumerate(data["positions"]):
        RecoveryPosition.objects.update_or_create(
            plan=plan,
            kind=row["kind"],
            name=row["name"],
            defaults={
                "position": position,
                "submission": _decimal(row["submission"]),
                "forecast": Decimal(row["forecast"]),
            },
        )
    for position, row in enumerate(data["schemes"]):
        RecoveryScheme.objects.update_or_create(
            plan=plan,
            scheme_type=row["scheme_type"],
            name=row["name"],
            defaults={
                "position": position,
                "submission": _decimal(row["submission"]),
                "revised_forecast": Decimal(row["revised_forecast"]),
                "in_month_delivery": Decimal(row["in_month_delivery"]),
                "rag": row["rag"],
            },
        )
    for position, row in enumerate(data["shares"]):
        RecoveryShare.objects.update_or_create(
            plan=plan,
            name=row["name"],
            defaults={
                "position": position,
                "amount": Decimal(row["amount"]),
                "organisation": organisations.get(row["organisation"]),
            },
        )


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)
