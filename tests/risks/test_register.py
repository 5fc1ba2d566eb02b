"""The risk register: validation, reviews, heat map, pages, roles and query budgets."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from improvement.cycles import close_cycle, open_cycle
from risks.heatmap import heat_map
from risks.models import Risk, RiskReview, RiskSnapshot, ScoreSet
from risks.services import review_risk
from tests.factories import ActionFactory, OfficerFactory, RiskFactory
from tests.risks.test_scoring import MATRIX
from tests.scale import SIZES, grow_plan


@pytest.fixture
def owner_post(organisation, lead):
    return lead.officer_posts.get()


@pytest.fixture
def risk(organisation, plan, owner_post):
    return RiskFactory(organisation=organisation, plan=plan, owner=owner_post, reference="R-06")


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [("current_likelihood", 6), ("current_impact", 0), ("initial_likelihood", 9)],
)
def test_likelihood_or_impact_outside_1_to_5_is_refused(organisation, owner_post, field, value):
    risk = RiskFactory.build(organisation=organisation, owner=owner_post, **{field: value})
    with pytest.raises(ValidationError) as error:
        risk.full_clean()
    assert field in error.value.message_dict
    assert not Risk.objects.exists()


def test_the_database_refuses_a_score_outside_1_to_5(organisation, owner_post):
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskFactory(organisation=organisation, owner=owner_post, current_likelihood=7)


def test_a_target_above_the_initial_score_is_refused(organisation, owner_post):
    risk = RiskFactory.build(
        organisation=organisation,
        owner=owner_post,
        initial_likelihood=2,
        initial_impact=3,
        target_likelihood=3,
        target_impact=4,
    )
    with pytest.raises(ValidationError, match="cannot be above the score at year start"):
        risk.full_clean()


def test_the_database_refuses_a_target_above_the_initial_score(organisation, owner_post):
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskFactory(
            organisation=organisation,
            owner=owner_post,
            initial_likelihood=2,
            initial_impact=3,
            target_likelihood=3,
            target_impact=4,
        )


def test_half_a_score_is_refused(organisation, owner_post):
    risk = RiskFactory.build(organisation=organisation, owner=owner_post, target_impact=None)
    with pytest.raises(ValidationError, match="Give both likelihood and impact"):
        risk.full_clean()


def test_a_duplicate_reference_is_refused_in_the_admin(client, pmo, risk, owner_post):
    client.force_login(pmo)
    response = client.post(
        "/admin/risks/risk/add/",
        {
            "organisation": risk.organisation_id,
            "reference": "R-06",
            "title": "Another",
            "description": "There is a risk that...",
            "category": "other",
            "register": "corporate",
            "owner": owner_post.pk,
            "status": "open",
            "current_likelihood": 2,
            "current_impact": 2,
            "reviews-TOTAL_FORMS": 0,
            "reviews-INITIAL_FORMS": 0,
            "Risk_mitigating_actions-TOTAL_FORMS": 0,
            "Risk_mitigating_actions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "already has a risk with this reference" in str(
        response.context["adminform"].form.errors
    )
    assert Risk.objects.count() == 1


# --- reviews ----------------------------------------------------------------------------------


def test_a_review_moves_the_current_score_and_keeps_the_previous(risk, lead):
    review_risk(risk=risk, likelihood=2, impact=4, commentary="Schemes now developed.", by=lead)
    risk.refresh_from_db()
    assert (risk.current_likelihood, risk.current_impact) == (2, 4)
    review = RiskReview.objects.get()
    assert (review.previous_score, review.score, review.reviewed_by) == (12, 8, lead)
    assert risk.history.count() == 2


def test_the_current_score_cannot_change_any_other_way(risk):
    risk.current_likelihood = 1
    with pytest.raises(ValidationError, match="only through a review"):
        risk.save()
    risk.refresh_from_db()
    assert risk.current_likelihood == 3


def test_the_admin_does_not_change_the_current_score(client, pmo, risk, owner_post):
    client.force_login(pmo)
    client.post(
        f"/admin/risks/risk/{risk.pk}/change/",
        {
            "organisation": risk.organisation_id,
            "reference": "R-06",
            "title": "Renamed",
            "description": risk.description,
            "category": "financial",
            "register": "corporate",
            "owner": owner_post.pk,
            "status": "open",
            "current_likelihood": 1,
            "current_impact": 1,
            "initial_likelihood": 4,
            "initial_impact": 5,
            "target_likelihood": 2,
            "target_impact": 4,
            "reviews-TOTAL_FORMS": 0,
            "reviews-INITIAL_FORMS": 0,
            "Risk_mitigating_actions-TOTAL_FORMS": 0,
            "Risk_mitigating_actions-INITIAL_FORMS": 0,
        },
    )
    risk.refresh_from_db()
    assert risk.title == "Renamed"
    assert (risk.current_likelihood, risk.current_impact) == (3, 4)


def test_a_review_needs_commentary(risk, lead):
    with pytest.raises(ValidationError):
        review_risk(risk=risk, likelihood=2, impact=2, commentary=" ", by=lead)
    assert not RiskReview.objects.exists()


def test_closing_a_cycle_snapshots_the_risk_scores(risk, plan, pmo, lead):
    cycle = open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 2, 1),
        update_deadline=datetime.date(2019, 2, 1),
        by=pmo,
    )
    close_cycle(cycle=cycle, by=pmo)
    review_risk(risk=risk, likelihood=1, impact=4, commentary="Mitigated.", by=lead)
    snapshot = RiskSnapshot.objects.get()
    assert (snapshot.risk, snapshot.score) == (risk, 12)


# --- heat map ---------------------------------------------------------------------------------


@pytest.mark.parametrize("which", list(ScoreSet.values))
def test_heat_map_counts_equal_the_registers_counts_per_cell(organisation, owner_post, which):
    pairs = [
        ((4, 5), (3, 4), (2, 4)),
        ((4, 5), (4, 4), (1, 4)),
        ((3, 3), (3, 3), (1, 3)),
        ((5, 5), (2, 2), (2, 2)),
    ]
    for n, (initial, current, target) in enumerate(pairs):
        RiskFactory(
            organisation=organisation,
            owner=owner_post,
            reference=f"R-{n}",
            initial_likelihood=initial[0],
            initial_impact=initial[1],
            current_likelihood=current[0],
            current_impact=current[1],
            target_likelihood=target[0],
            target_impact=target[1],
        )
    risks = Risk.objects.filter(organisation=organisation)
    grid = heat_map(risks, which)
    for row in grid.rows:
        for cell in row:
            expected = risks.filter(
                **{f"{which}_likelihood": cell.likelihood, f"{which}_impact": cell.impact}
            ).count()
            assert cell.count == expected
            assert cell.band.label == MATRIX[cell.likelihood][cell.impact - 1]
    assert grid.total == 4


def test_heat_map_cells_link_to_their_risks(client, gb_member, risk, plan):
    client.force_login(gb_member)
    page = client.get(
        reverse("risk-heatmap", args=[plan.pk]), {"scores": "initial"}
    ).content.decode()
    assert "?scores=initial&amp;likelihood=4&amp;impact=5" in page
    response = client.get(
        reverse("risk-register", args=[plan.pk]),
        {"scores": "initial", "likelihood": 4, "impact": 5},
    )
    assert [row.record for row in response.context["table"].paginated_rows] == [risk]


# --- pages and roles --------------------------------------------------------------------------


def test_the_register_filters_by_band_and_sorts_by_current_score(
    client, gb_member, organisation, owner_post, plan
):
    RiskFactory(
        organisation=organisation,
        owner=owner_post,
        reference="A",
        current_likelihood=1,
        current_impact=2,
    )
    RiskFactory(
        organisation=organisation,
        owner=owner_post,
        reference="B",
        current_likelihood=4,
        current_impact=4,
    )
    RiskFactory(
        organisation=organisation,
        owner=owner_post,
        reference="C",
        current_likelihood=3,
        current_impact=3,
    )
    client.force_login(gb_member)
    rows = client.get(reverse("risk-register", args=[plan.pk])).context["table"].paginated_rows
    assert [row.record.reference for row in rows] == ["B", "C", "A"]
    amber = client.get(reverse("risk-register", args=[plan.pk]), {"band": "amber"}).context["table"]
    assert [row.record.reference for row in amber.paginated_rows] == ["C"]


def test_an_empty_register_says_so_and_shows_the_pmo_where_to_add_risks(client, pmo, plan):
    client.force_login(pmo)
    page = client.get(reverse("risk-register", args=[plan.pk])).content.decode()
    assert f"No risks are recorded for {plan.organisation}." in page
    assert f'href="{reverse("admin:risks_risk_add")}"' in page
    assert f'href="{reverse("workbook-import", args=[plan.pk])}"' in page
    assert "No risks match these filters" not in page


def test_an_empty_register_offers_a_reader_no_way_to_add_risks(client, gb_member, plan):
    client.force_login(gb_member)
    page = client.get(reverse("risk-register", args=[plan.pk])).content.decode()
    assert f"No risks are recorded for {plan.organisation}." in page
    assert reverse("admin:risks_risk_add") not in page
    assert reverse("workbook-import", args=[plan.pk]) not in page


def test_filters_that_match_no_risk_say_so_rather_than_the_register_is_empty(
    client, gb_member, risk, plan
):
    client.force_login(gb_member)
    url = reverse("risk-register", args=[plan.pk])
    band = risk.band_of("current").key
    page = client.get(url, {"band": "green" if band != "green" else "red"})
    assert "No risks match these filters." in page.content.decode()
    assert "No risks are recorded" not in page.content.decode()


def test_the_owner_reviews_their_own_risk(client, lead, risk):
    client.force_login(lead)
    response = client.post(
        reverse("risk-detail", args=[risk.pk]),
        {"likelihood": 2, "impact": 3, "commentary": "Better."},
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.current_score_value == 6


@pytest.mark.parametrize("persona", ["other_lead", "gb_member", "nhse_viewer"])
def test_others_cannot_review_the_risk(client, persona, request, risk):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        reverse("risk-detail", args=[risk.pk]), {"likelihood": 1, "impact": 1, "commentary": "x"}
    )
    assert response.status_code == 403
    risk.refresh_from_db()
    assert risk.current_score_value == 12


def test_the_pmo_reviews_any_risk(client, pmo, risk):
    client.force_login(pmo)
    client.post(
        reverse("risk-detail", args=[risk.pk]),
        {"likelihood": 1, "impact": 1, "commentary": "Closed down."},
    )
    risk.refresh_from_db()
    assert risk.current_score_value == 1


def test_a_review_outside_1_to_5_is_refused_with_a_message(client, lead, risk):
    client.force_login(lead)
    response = client.post(
        reverse("risk-detail", args=[risk.pk]), {"likelihood": 6, "impact": 3, "commentary": "x"}
    )
    assert response.status_code == 400
    assert "Likelihood runs from 1 to 5." in response.content.decode()
    assert not RiskReview.objects.exists()


def test_another_organisation_cannot_see_the_risk(client, outsider, risk):
    client.force_login(outsider)
    assert client.get(reverse("risk-detail", args=[risk.pk])).status_code == 404


def test_links_between_risks_and_actions_show_on_both_pages(client, gb_member, risk, area):
    action = ActionFactory(area=area, number="1.1", rag="R")
    risk.mitigating_actions.add(action)
    client.force_login(gb_member)
    risk_page = client.get(reverse("risk-detail", args=[risk.pk])).content.decode()
    action_page = client.get(reverse("action-detail", args=[action.pk])).content.decode()
    assert "app-rag--R" in risk_page and "1.1" in risk_page
    assert "R-06" in action_page and "Risks this action mitigates" in action_page


@pytest.mark.parametrize("size", SIZES)
def test_the_register_uses_a_fixed_number_of_queries(
    client, gb_member, organisation, plan, size, django_assert_num_queries
):
    """More risks, owners and mitigating actions, and other organisations' risks beside."""
    actions = grow_plan(plan, size)  # a risk per area, each owned by that area's SRO
    count = size.actions
    owners = [OfficerFactory(organisation=organisation, initials=f"Q{n}") for n in range(9)]
    Risk.objects.bulk_create(
        Risk(
            organisation=organisation,
            plan=plan,
            owner=owners[n % 9],
            reference=f"Q-{n:04d}",
            title="t",
            description="d",
            category="other",
            register="corporate",
            current_likelihood=n % 5 + 1,
            current_impact=(n // 5) % 5 + 1,
        )
        for n in range(count)
    )
    Mitigates = Risk.mitigating_actions.through
    Mitigates.objects.bulk_create(
        Mitigates(risk=risk, action=actions[n % len(actions)])
        for n, risk in enumerate(Risk.objects.filter(category="other"))
    )
    client.force_login(gb_member)
    with django_assert_num_queries(7):
        response = client.get(reverse("risk-register", args=[plan.pk]), {"category": "other"})
    assert response.context["table"].paginator.count == count


@pytest.mark.parametrize(
    ("score", "written", "prefix", "html"),
    [
        (16, "4x4", "", '<strong class="app-band app-band--{key}">16 {label}</strong> '
         '<span class="nhsuk-body-s">(4x4)</span>'),
        (12, "12", "Pre-mitigation", '<strong class="app-band app-band--{key}">12 {label}</strong> '
         '<span class="nhsuk-body-s">(pre-mitigation)</span>'),
        (None, "", "", '<span class="nhsuk-u-secondary-text-colour">Not set</span>'),
    ],
)  # fmt: skip
def test_a_score_reads_the_same_on_every_page_and_in_the_registers_rows(
    score, written, prefix, html
):
    """One score tag for the Django pages and the register's Jinja2 rows."""
    from django.template import engines

    from risks import scoring

    band = scoring.band_for(score) if score else None
    expected = html.format(key=band.key, label=band.label) if band else html
    context = {"score": score, "band": band, "written": written, "prefix": prefix}
    page = engines["django"].from_string(
        "{% load risk_scores %}{% score_tag score band written prefix %}"
    )
    rows = engines["rows"].from_string("{{ score_tag(score, band, written, prefix) }}")
    assert page.render(context) == rows.render(context) == expected


def test_the_pagination_counts_risks(client, gb_member, plan, owner_post):
    for n in range(51):
        RiskFactory(organisation=plan.organisation, plan=plan, owner=owner_post, reference=f"R{n}")
    client.force_login(gb_member)
    page = client.get(reverse("risk-register", args=[plan.pk])).content.decode()
    assert "(51 risks)" in page
    assert "actions)" not in page
