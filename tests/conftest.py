import pytest
from django.db import connection

from improvement.models import Role
from improvement.roles import grant_membership
from tests.factories import OfficerFactory, OrganisationFactory, PlanFactory, UserFactory


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
def gb_member(organisation):
    return _member(organisation, Role.GOVERNING_BODY, "gb")


@pytest.fixture
def outsider(db):
    """PMO of another organisation: must never see ours."""
    return _member(OrganisationFactory(name="NHS Elsewhere CCG"), Role.PMO, "outsider")


@pytest.fixture
def database_vendor(db):
    return connection.vendor
