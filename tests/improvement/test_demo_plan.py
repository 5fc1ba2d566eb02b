import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from actions.models import Action, ProgressUpdate, Rag
from improvement.models import (
    ImprovementArea,
    Membership,
    Officer,
    Organisation,
    Recommendation,
    Role,
)
from improvement.summary import plan_summary

SOUTHEND = "NHS Southend CCG"


def southend_actions():
    """Seed 002's actions: the demo holds other bodies' plans too."""
    return Action.objects.filter(plan__organisation__name=SOUTHEND)


@pytest.fixture
def demo(demo_loaded, db):
    pass


def counts():
    return (
        ImprovementArea.objects.count(),
        Recommendation.objects.count(),
        Action.objects.count(),
        ProgressUpdate.objects.count(),
        Officer.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
    )


def test_loading_the_demo_twice_does_not_duplicate_anything(demo):
    before = counts()
    call_command("load_demo", password="a-demo-password", stdout=io.StringIO())
    assert counts() == before


def test_the_demo_plan_has_the_six_improvement_areas_of_seed_002(demo):
    assert list(
        ImprovementArea.objects.filter(plan__organisation__name=SOUTHEND).values_list(
            "number", "title"
        )
    ) == [
        (1, "Leadership, Structure and OD"),
        (2, "Financial Management/ Recovery"),
        (3, "Governance and reporting arrangements"),
        (4, "Commissioning and Contracting"),
        (5, "Joint Committee/ System Working"),
        (6, "CCG Annual Assessment Area for Improvement/ Other external recommendations"),
    ]


def test_the_demo_plan_has_seed_002s_102_actions(demo):
    assert southend_actions().count() == 102
    action = southend_actions().get(number="1.3.2")
    assert action.text == (
        "- Review of SOs and SFIs undertaken and training provided to 100% of staff."
    )
    assert action.sro_labels == "AO (CG)"
    assert action.operational_lead_labels == "DCFO (KL)"
    assert action.by_when == "Oct-18"
    assert str(action.due_date) == "2018-10-31"
    assert action.rag == Rag.GREEN
    assert action.current_progress.text.startswith("SFIs and SO review undertaken")


def test_the_demo_rag_counts_per_area_match_its_actions(demo):
    summary = plan_summary(southend_actions().first().plan)
    for row in summary.areas:
        actions = southend_actions().filter(area=row.area)
        for rag in Rag:
            assert row.counts.by_rag[rag] == actions.filter(rag=rag).count()
    assert summary.areas[1].counts.by_rag == {"R": 1, "A": 1, "G": 1, "B": 10}


def test_the_demo_area_6_reads_as_seed_002s_summary_counts_it(demo):
    """Seed 002: "6. CCG Annual Assessment Areas for Improvement/ other External
    Recommendations 0 7 2 18", over 27 rows, seven of them not part of IP."""
    area_6 = plan_summary(southend_actions().first().plan).areas[5].counts
    assert area_6.by_rag == {"R": 0, "A": 7, "G": 2, "B": 18}
    assert (area_6.total, area_6.out_of_scope) == (27, 7)
    # 6.8, 6.10, 6.13, 6.14, 6.18 and 6.20 are Blue with "Evidence required" in the seed
    assert area_6.awaiting_assurance == 6


@pytest.mark.parametrize("number", ["6.8", "6.10", "6.13", "6.14", "6.18", "6.20"])
def test_the_demo_keeps_the_seeds_blue_awaiting_assurance(demo, number):
    action = southend_actions().get(number=number)
    assert (action.rag, action.completion_label) == (Rag.BLUE, "Blue: awaiting assurance")


def test_the_demo_keeps_the_pmos_turn_back_to_green_for_6_15(demo):
    assert southend_actions().get(number="6.15").rag == Rag.GREEN


def test_the_demo_plan_page_shows_the_awaiting_assurance_count(demo, client):
    client.login(username="governing-body", password="a-demo-password")
    plan = southend_actions().first().plan
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    waiting = (
        southend_actions()
        .filter(rag="B")
        .exclude(evidence_status__in=["accepted", "not_required", "held"])
        .count()
    )
    assert waiting >= 6
    assert f"{waiting} Blue actions are awaiting assurance." in html


def test_every_demo_role_has_a_user_who_can_log_in(demo, client):
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert set(roles.values()) == {r.value for r in Role}
    for username in roles:
        assert client.login(username=username, password="a-demo-password")


def test_the_demo_lead_is_linked_to_their_officer_entry(demo):
    officer = Officer.objects.get(organisation__name=SOUTHEND, initials="PK")
    assert officer.user.username == "lead"
    assert officer.sro_for.exists() or officer.lead_for.exists()


def test_the_demo_pmo_can_use_the_admin(demo, client):
    client.login(username="pmo", password="a-demo-password")
    assert client.get("/admin/actions/action/").status_code == 200


def test_the_command_prints_the_demo_logins(db, capsys):
    call_command("load_demo", password="a-demo-password")
    out = capsys.readouterr().out
    assert "pmo" in out and "governing-body" in out and "a-demo-password" in out


def test_the_demo_holds_the_seeds_action_concern_report(demo):
    from improvement.models import MeetingItem

    concerns = MeetingItem.objects.concerns()
    assert concerns.count() == 19
    assert concerns.open().count() == 5
    assert southend_actions().get(number="2.6").deadline_label == "30/11/2018 (01/10/2018)"
    overdue_1_10 = concerns.get(action__number="1.10", concern_type="overdue")
    assert overdue_1_10.seen_log == "seen - 01/09 seen - 01/10 seen - 14/11"


def test_the_demo_holds_seed_000s_risks_under_the_cp_ccg(demo):
    from risks.models import Risk

    ccg = Organisation.objects.get(name="NHS Cambridgeshire and Peterborough CCG")
    assert Risk.objects.filter(organisation=ccg, register="operational").count() == 16
    quipp = Risk.objects.get(reference="CP-1")
    assert quipp.organisation == ccg and quipp.plan is None
    assert (quipp.written_score("initial"), quipp.written_score("target")) == ("4x5", "2x5")
    assert quipp.current_band.label == "Red"
    # The register names the post, not its holder; nothing links it to Southend's actions.
    assert (quipp.owner.title, quipp.owner.name) == ("Chief Finance Officer", "")
    assert not quipp.mitigating_actions.exists()


def test_the_demo_holds_seed_003s_strategic_risks_under_the_stp_as_scored(demo):
    """Seed 003 gives "Risk Score" 20 and "Post Risk Score" 16 for R-06: no likelihood and
    impact, and no owner."""
    from risks.models import Risk

    stp = Organisation.objects.get(short_name="C&P STP")
    assert stp.is_system_body
    assert list(stp.members.values_list("short_name", flat=True)) == ["C&P CCG"]
    r06 = Risk.objects.get(reference="R-06")
    assert r06.organisation == stp and r06.owner is None
    assert (r06.pre_mitigation_score, r06.post_mitigation_score) == (20, 16)
    assert (r06.current_likelihood, r06.current_impact) == (None, None)
    assert (r06.score_label("current"), r06.score_label("target")) == (
        "Pre-mitigation",
        "Post-mitigation",
    )
    assert Risk.objects.filter(organisation=stp).count() == 14


def test_no_cp_or_stp_risk_belongs_to_southend(demo):
    from risks.models import Risk

    southend = Organisation.objects.get(name="NHS Southend CCG")
    assert not Risk.objects.filter(organisation=southend).exists()


def test_reloading_the_demo_moves_risks_an_earlier_demo_misfiled(demo):
    """An earlier demo loaded seed 000's and 003's risks under Southend: a reload moves them
    (keeping their history) and leaves no copy behind."""
    from risks.models import Risk

    southend = Organisation.objects.get(name="NHS Southend CCG")
    owner = southend.officers.first()
    r06 = Risk.objects.get(reference="R-06")
    Risk.objects.filter(pk=r06.pk).update(
        organisation=southend, owner=owner, score_basis="matrix", current_likelihood=4,
        current_impact=5,
    )  # fmt: skip
    call_command("load_demo", password="a-demo-password", stdout=io.StringIO())
    moved = Risk.objects.get(reference="R-06")
    assert moved.pk == r06.pk and moved.organisation.short_name == "C&P STP"
    assert moved.owner is None and moved.pre_mitigation_score == 20
    assert moved.history.first().history_change_reason.startswith("Moved from NHS Southend CCG")
    assert Risk.objects.filter(reference="R-06").count() == 1
