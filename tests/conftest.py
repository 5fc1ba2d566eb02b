import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction

from actions.models import Rag
from improvement.models import Role
from improvement.roles import grant_membership
from tests.factories import (
    ActionFactory,
    AreaFactory,
    OfficerFactory,
    OrganisationFactory,
    PlanFactory,
    QippProgrammeFactory,
    QippTargetFactory,
    UserFactory,
)


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} ({database.get('NAME')})"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with nothing cached (the QIPP charts): no test reads another's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="NHS Southend CCG", short_name="Southend CCG")


@pytest.fixture
def plan(organisation):
    return PlanFactory(organisation=organisation)


def _member(organisation, role, username):
    user = UserFactory(username=username)
    grant_membership(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def pmo(organisation):
    return _member(organisation, Role.PMO, "pmo")


@pytest.fixture
def lead(organisation):
    user = _member(organisation, Role.PROGRAMME_LEAD, "lead")
    OfficerFactory(organisation=organisation, abbreviation="AD P&G", initials="MA", user=user)
    return user


@pytest.fixture
def other_lead(organisation):
    user = _member(organisation, Role.PROGRAMME_LEAD, "other-lead")
    OfficerFactory(organisation=organisation, abbreviation="DCFO", initials="KL", user=user)
    return user


@pytest.fixture
def nhse_viewer(organisation):
    return _member(organisation, Role.NHSE_VIEWER, "nhse")


@pytest.fixture
def gb_member(organisation):
    return _member(organisation, Role.GOVERNING_BODY, "gb")


@pytest.fixture
def outsider(db):
    """PMO of another organisation: must never see ours."""
    return _member(OrganisationFactory(name="NHS Elsewhere CCG"), Role.PMO, "outsider")


@pytest.fixture
def area(plan):
    return AreaFactory(plan=plan, number=1, title="Leadership, Structure and OD")


@pytest.fixture
def lead_action(area, lead):
    """An Amber action whose operational lead is the `lead` persona."""
    action = ActionFactory(area=area, number="1.1", rag=Rag.AMBER, due_date=date(2099, 3, 31))
    action.operational_leads.set(lead.officer_posts.all())
    return action


@pytest.fixture
def other_action(area, other_lead):
    """An action owned (as SRO) by another lead."""
    action = ActionFactory(area=area, number="1.2", rag=Rag.AMBER, due_date=date(2099, 3, 31))
    action.sros.set(other_lead.officer_posts.all())
    return action


@pytest.fixture
def programme(organisation):
    """A QIPP programme, 2019/20 reported at M6; the organisation's target is 100 a month
    (1,200 a year)."""
    programme = QippProgrammeFactory(name="LLR CCGs QIPP programme", year_start=2019)
    QippTargetFactory(programme=programme, organisation=organisation, monthly=Decimal("100"))
    return programme


# --- Excel workbooks (improvement/workbook) --------------------------------------------


SEED_HEADER = (
    "Recommendation",
    "No.",
    "Action",
    "SRO",
    "Ops lead",
    "By when (end of)",
    "Outcome Measure",
    "Measurement of Success",
    "Progress Update",
    "Updated",
    "RAG",
    "Evidence Status",
    "Evidence detail",
    "Actions to complete action",
)
PWC_1 = (
    "The AO and the Chair must take responsibility for the leadership and governance "
    "issues identified. (PwC 1)"
)


SEED_CELLS = {
    "recommendation": "Recommendation",
    "sro": "SRO",
    "lead": "Ops lead",
    "by_when": "By when (end of)",
    "outcome": "Outcome Measure",
    "measure": "Measurement of Success",
    "progress": "Progress Update",
    "updated": "Updated",
    "rag": "RAG",
    "evidence": "Evidence Status",
    "detail": "Evidence detail",
    "to_complete": "Actions to complete action",
}


def seed_row(number, text, **cells):
    """One action row in seed 002's IP Performance columns; cells by SEED_CELLS keys."""
    row = dict.fromkeys(SEED_HEADER)
    row.update({"No.": number, "Action": text, "SRO": "AO (CG)", "RAG": "G"})
    row.update({SEED_CELLS[key]: value for key, value in cells.items()})
    return [row[name] for name in SEED_HEADER]


@pytest.fixture
def directory(organisation):
    """Seed 002's directory of responsible officers, as far as the workbook tests need it."""
    return {
        initials: OfficerFactory(
            organisation=organisation, abbreviation=role, title=role, initials=initials
        )
        for role, initials in (("Chair", "JGL"), ("AO", "CG"), ("CFO", "MB"), ("ADP&Q", "VM"))
    }


@pytest.fixture
def seed_workbook():
    """Build an .xlsx laid out like seed 002's IP Performance tab: a title, then per area a
    section row (merged across), the header, and action rows. `areas` maps a section
    title ("1 Leadership, Structure and OD") to its rows (lists from `seed_row`)."""
    import io

    from openpyxl import Workbook

    def build(areas, *, sheet_name="IP Performance", merges=(), extra_sheets=None) -> bytes:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = sheet_name
        sheet.append(["IMPROVEMENT PLAN (DELIVERY)"])
        sheet.append(["red text = latest update"])
        for title, rows in areas.items():
            sheet.append([title])
            sheet.merge_cells(
                start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=14
            )
            sheet.append(list(SEED_HEADER))
            for row in rows:
                sheet.append(row)
        for merged in merges:
            sheet.merge_cells(merged)
        for name, rows in (extra_sheets or {}).items():
            extra = workbook.create_sheet(name)
            for row in rows:
                extra.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    return build


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once per test module inside a transaction rolled back at the
    module's end; each test runs in a savepoint within it, so what one test changes the
    next never sees. (Loading it takes seconds; many modules read it.)"""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", password="a-demo-password", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
