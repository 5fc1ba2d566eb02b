from decimal import Decimal

from finance.models import RiskAdjustedQipp


def test_an_organisation_without_a_summary_totals_nothing_and_no_share(organisation):
    assert RiskAdjustedQipp.objects.filter(organisation=organisation).totals() == {
        "net_value": Decimal("0"),
        "risk_adjusted": Decimal("0"),
        "variance": Decimal("0"),
        "share": None,
    }


def test_a_share_rounds_half_up_to_a_whole_percent(organisation):
    row = RiskAdjustedQipp(
        organisation=organisation, net_value=Decimal("10"), risk_adjusted=Decimal("5")
    )
    assert row.share_of(Decimal("1000")) == Decimal("1")  # 0.5% rounds up, as the seed's 1%
    assert row.share_of(Decimal("0")) is None
