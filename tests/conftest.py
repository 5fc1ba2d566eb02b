from datetime import date

import pytest

from actions.models import Rag
from improvement.models import Role
from improvement.roles import grant_membership
from tests.factories import (
    ActionFactory,
    AreaFactory,
    OfficerFactory,
    OrganisationFactory,
    PlanFactory,
    UserFactory,
)


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} ({database.get('NAME')})"


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
