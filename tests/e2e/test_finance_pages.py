"""A Governing Body member reads the QIPP dashboards and the recovery plan of seed 004, in a
real browser, with axe-core checking every page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_governing_body_member_reads_the_finance_pages(log_in, assert_accessible):
    page = log_in("governing-body")
    page.get_by_role("link", name="Finance", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("QIPP dashboard")
    expect(page.get_by_text("under-delivery of 18,275")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("by organisation"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Delivery by workstream").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("QIPP delivery by workstream")
    forecast = page.get_by_role("table", name=re.compile("Forecast outturn for the year"))
    expect(forecast.get_by_role("row").last).to_contain_text("(65,963)")
    assert_accessible(page)

    page.get_by_role("link", name="Financial recovery plan").click()
    expect(page.get_by_role("row", name=re.compile("after FRP"))).to_contain_text("-13,262")
    assert_accessible(page)

    page.get_by_role("link", name="Schemes", exact=True).click()
    page.get_by_label("Search").fill("Same Day")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^3 scheme lines found"))
    assert_accessible(page)
    page.get_by_role("link", name="Same Day Emergency Care").first.click()
    expect(page.get_by_text("Sarah Smith, SDEC Programme Lead")).to_be_visible()
    assert_accessible(page)
