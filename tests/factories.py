import datetime

import factory
from django.contrib.auth import get_user_model

from actions.models import Action, EvidenceStatus, ProgressUpdate, Rag
from improvement.models import (
    ImprovementArea,
    ImprovementPlan,
    Officer,
    Organisation,
    Recommendation,
    RecommendationSource,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.django.Password("correct-horse-battery")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"NHS Example {n} CCG")
    short_name = factory.Sequence(lambda n: f"Example {n}")


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    organisation = factory.SubFactory(OrganisationFactory)
    abbreviation = "AO"
    title = "Accountable Officer"
    name = factory.Sequence(lambda n: f"Officer {n}")
    initials = factory.Sequence(lambda n: f"O{n}")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementPlan

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Improvement Plan {n}")
    version = "v1.0"
    as_at = datetime.date(2019, 1, 10)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementArea

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Area {n + 1}")


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    area = factory.SubFactory(AreaFactory)
    source = RecommendationSource.CAPABILITY_REVIEW
    reference = factory.Sequence(lambda n: f"PwC {n + 1}")
    text = "Strengthen the capacity and capability of the finance function."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    area = factory.SubFactory(AreaFactory)
    number = factory.LazyAttributeSequence(lambda o, n: f"{o.area.number}.{n + 1}")
    text = "Formulate budget timetable."
    due_date = datetime.date(2018, 5, 31)
    rag = Rag.AMBER
    evidence_status = EvidenceStatus.REQUIRED


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    text = "Timetable drafted and shared with budget holders."
    reported_on = datetime.date(2018, 5, 1)
    author_name = "Test User"


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "risks.Risk"

    organisation = factory.SubFactory(OrganisationFactory)
    owner = factory.SubFactory(OfficerFactory, organisation=factory.SelfAttribute("..organisation"))
    reference = factory.Sequence(lambda n: f"R-{n + 1:02d}")
    title = "Delivery of QIPP"
    description = "There is a risk that the QIPP plan is not delivered."
    category = "financial"
    register = "corporate"
    initial_likelihood = 4
    initial_impact = 5
    current_likelihood = 3
    current_impact = 4
    target_likelihood = 2
    target_impact = 4


# --- finance (QIPP) ---------------------------------------------------------------------------


def _money(text: str):
    from decimal import Decimal

    return Decimal(text)


class QippProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "finance.QippProgramme"

    name = factory.Sequence(lambda n: f"QIPP programme {n}")
    system_name = "LLR"
    year_start = 2019
    reporting_month = 6


class QippTargetFactory(factory.django.DjangoModelFactory):
    """`monthly=Decimal("100")` phases the target at that amount in each of the 12 months."""

    class Meta:
        model = "finance.QippTarget"
        skip_postgeneration_save = True

    programme = factory.SubFactory(QippProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def monthly(self, create, amount, **kwargs):
        if create and amount is not None:
            for month in range(1, 13):
                self.months.create(month=month, amount=amount)


class ProgrammeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "finance.ProgrammeArea"
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Programme area {n}")


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "finance.Workstream"
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Workstream {n}")


class QippSchemeFactory(factory.django.DjangoModelFactory):
    """`monthly=Decimal("10")` plans that saving in each month; `actual=` records it as
    achieved in each month up to the programme's reporting month."""

    class Meta:
        model = "finance.QippScheme"
        skip_postgeneration_save = True

    programme = factory.SubFactory(QippProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    number = factory.Sequence(lambda n: f"{n % 9 + 1}.{n + 1}")
    name = "Same Day Emergency Care"
    programme_area = factory.SubFactory(ProgrammeAreaFactory, name="Acute Services")
    workstream = factory.SubFactory(WorkstreamFactory, name="Urgent Care")
    planning_stage = "developed"
    gateway_stage = 3
    forecast = factory.LazyFunction(lambda: _money("100.00"))

    @factory.post_generation
    def monthly(self, create, plan, **kwargs):
        actual = kwargs.get("actual")
        if create and plan is not None:
            for month in range(1, 13):
                reported = month <= self.programme.reporting_month
                self.months.create(
                    month=month, plan=plan, actual=actual if reported and actual else None
                )


# --- files ------------------------------------------------------------------------------------


def pdf_bytes(*, open_action=None, page_action=None) -> bytes:
    """A real one-page PDF. `open_action` (a pypdf DictionaryObject) is run when the file is
    opened (/OpenAction); `page_action` when its page is shown (/AA /O)."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    if open_action is not None:
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(open_action)
    if page_action is not None:
        page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): page_action})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
