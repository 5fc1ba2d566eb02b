from decimal import Decimal

import pytest

from tests.factories import QippSchemeFactory


@pytest.fixture
def lead_scheme(programme, organisation, lead):
    """A scheme whose SRO is the `lead` persona: 10 a month planned, 8 a month achieved."""
    return QippSchemeFactory(
        programme=programme,
        organisation=organisation,
        number="1.1",
        sro=lead.officer_posts.get(),
        monthly=Decimal("10"),
        monthly__actual=Decimal("8"),
    )


@pytest.fixture
def other_scheme(programme, organisation, other_lead):
    """A scheme whose SRO is another lead."""
    return QippSchemeFactory(
        programme=programme,
        organisation=organisation,
        number="2.2",
        name="Referral Support Services",
        sro=other_lead.officer_posts.get(),
        monthly=Decimal("20"),
    )
