"""Registers that score a risk only before and after mitigation (seed 003's STP strategic
risks: "Risk Score" 20, "Post Risk Score" 16), held as given and named as such."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from improvement.pack.context import build_pack_context
from improvement.pack.render import render_html
from improvement.workbook.export import build_workbook
from risks.heatmap import heat_map
from risks.models import Risk, ScoreBasis
from risks.services import review_risk
from tests.factories import ActionFactory, RiskFactory


@pytest.fixture
def strategic(organisation):
    """R-06 as seed 003 gives it: 20 before mitigation, 16 after, no owner, no matrix."""
    return RiskFactory(
        organisation=organisation,
        reference="R-06",
        owner=None,
        register="system",
        score_basis=ScoreBasis.PRE_POST,
        pre_mitigation_score=20,
        post_mitigation_score=16,
        initial_likelihood=None,
        initial_impact=None,
        current_likelihood=None,
        current_impact=None,
        target_likelihood=None,
        target_impact=None,
    )


def test_its_scores_are_the_registers_before_and_after_mitigation(strategic):
    assert (strategic.score_of("current"), strategic.score_of("target")) == (20, 16)
    assert strategic.score_of("initial") is None
    assert strategic.current_band.label == "Red"
    assert strategic.band_of("target").label == "Red"


def test_the_register_sorts_it_by_its_pre_mitigation_score(organisation, strategic):
    RiskFactory(organisation=organisation, reference="R-01", current_likelihood=3)  # 3x4 = 12
    ordered = Risk.objects.with_scores().order_by("-current_score")
    assert [(r.reference, r.current_score) for r in ordered] == [("R-06", 20), ("R-01", 12)]


def test_the_register_page_names_the_scores_as_the_register_does(
    client, gb_member, plan, strategic
):
    client.force_login(gb_member)
    html = client.get(reverse("risk-register", args=[plan.pk])).content.decode()
    assert '20 Red</strong> <span class="nhsuk-body-s">(pre-mitigation)</span>' in html
    assert '16 Red</strong> <span class="nhsuk-body-s">(post-mitigation)</span>' in html
    assert "4x5" not in html


def test_the_risk_page_says_the_register_names_no_owner(client, gb_member, strategic):
    client.force_login(gb_member)
    html = client.get(reverse("risk-detail", args=[strategic.pk])).content.decode()
    assert "Not named in the register" in html
    assert "Risk scores before and after mitigation, as the register gives them" in html
    assert "At year start" not in html


def test_the_heat_map_counts_it_apart_from_the_matrix(organisation, strategic):
    RiskFactory(organisation=organisation, reference="R-01")
    grid = heat_map(Risk.objects.filter(organisation=organisation))
    assert (grid.total, grid.off_the_matrix) == (1, 1)


def test_the_heat_map_page_says_what_is_not_on_it(client, gb_member, plan, strategic):
    client.force_login(gb_member)
    html = client.get(reverse("risk-heatmap", args=[plan.pk])).content.decode()
    assert "1 risk is not on the map" in html


def test_the_workbook_writes_the_scores_named(plan, strategic):
    sheet = openpyxl.load_workbook(io.BytesIO(build_workbook(plan)))["Risk Register"]
    header = [cell.value for cell in sheet[2]]
    row = {name: cell.value for name, cell in zip(header, sheet[3], strict=True)}
    assert (row["Current (L x I)"], row["Current score"]) == ("20 (pre-mitigation)", 20)
    assert (row["Target (L x I)"], row["Target score"]) == ("16 (post-mitigation)", 16)
    assert (row["Initial (L x I)"], row["Senior risk owner"]) in {("", ""), (None, None)}


def test_the_pack_names_the_scores(plan, area, strategic):
    ActionFactory(area=area, number="1.1")
    html = render_html(build_pack_context(plan), for_pdf=True)
    assert "Pre-mitigation <span" in html and "Post-mitigation <span" in html
    assert "Not on the map: 1 risk scored before and after mitigation" in html


def test_a_review_scores_it_on_the_matrix_and_keeps_what_it_replaced(strategic, pmo):
    review = review_risk(risk=strategic, likelihood=4, impact=4, commentary="Reviewed.", by=pmo)
    strategic.refresh_from_db()
    assert strategic.score_basis == ScoreBasis.MATRIX
    assert strategic.score_of("current") == 16
    assert (review.previous_score, review.previous_reported_score) == (20, 20)
    assert strategic.pre_mitigation_score == 20  # still on record


def test_a_pre_post_risk_needs_its_pre_mitigation_score(strategic):
    strategic.pre_mitigation_score = None
    with pytest.raises(ValidationError) as error:
        strategic.full_clean()
    assert "Give the register's pre-mitigation score." in str(error.value)


def test_the_post_mitigation_score_cannot_exceed_the_pre(strategic):
    strategic.post_mitigation_score = 25
    with pytest.raises(ValidationError) as error:
        strategic.full_clean()
    assert "cannot be above the pre-mitigation score" in str(error.value)


def test_a_matrix_risk_needs_its_current_likelihood_and_impact(organisation):
    risk = RiskFactory.build(
        organisation=organisation,
        owner=None,
        current_likelihood=None,
        current_impact=None,
    )
    with pytest.raises(ValidationError) as error:
        risk.full_clean()
    assert "Give the current likelihood and impact." in str(error.value)


def test_the_database_refuses_a_risk_with_no_current_score(strategic):
    with pytest.raises(IntegrityError), transaction.atomic():
        Risk.objects.filter(pk=strategic.pk).update(pre_mitigation_score=None)
