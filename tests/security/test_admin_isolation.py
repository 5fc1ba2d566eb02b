"""The admin ("Data entry") holds organisations apart as the site does: another
organisation's PMO tries the change list, change, history, history item, delete and add
pages of every registered admin model against our rows, reading and writing, and gets
"not found", "forbidden" or the admin's "does not exist" redirect, with nothing changed
and none of our names in any page. A model registered in the admin but missing from the
matrix fails the test."""

import datetime
from decimal import Decimal

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ForeignKey, ManyToManyField

from actions.models import ActionSnapshot, DeadlineRevision, ProgressUpdate
from actions.services import submit_evidence, update_action
from finance.models import RecoveryPlan, RiskAdjustedQipp
from improvement.admin_scoping import ScopedHistoryAdmin
from improvement.concerns import raise_concern
from improvement.cycles import close_cycle, open_cycle
from improvement.models import (
    ClaimKind,
    IssuedPack,
    Meeting,
    MeetingBody,
    Membership,
    SignInMapping,
)
from improvement.roles import PMO_GROUP
from risks.models import FinancialRisk
from tests.factories import (
    ActionFactory,
    AreaFactory,
    OfficerFactory,
    ProgrammeAreaFactory,
    QippProgrammeFactory,
    QippSchemeFactory,
    QippTargetFactory,
    RecommendationFactory,
    RiskFactory,
    WorkstreamFactory,
    pdf_bytes,
)

PDF = pdf_bytes()
# Words that appear only in our organisation's rows.
OURS = ("Southend", "Zq-ours")
REFUSED = {302, 403, 404}


@pytest.fixture
def ours(organisation, plan, area, lead_action, lead, pmo):
    """One row of every admin model, all belonging to our organisation, with our marker
    in every name and text a page could print."""
    plan.title = "Southend Improvement Delivery Plan"
    plan.save()
    lead_action.text = "Zq-ours: formulate the budget timetable."
    lead_action.save()
    officer = OfficerFactory(organisation=organisation, name="Zq-ours Officer", initials="ZQ")
    recommendation = RecommendationFactory(area=area, text="Zq-ours recommendation")
    upload = SimpleUploadedFile("zq-ours.pdf", PDF, content_type="application/pdf")
    evidence = submit_evidence(
        action=lead_action, by=lead, description="Zq-ours minutes", upload=upload
    )
    meeting = Meeting.objects.create(
        organisation=organisation,
        body=MeetingBody.CMT,
        date=datetime.date(2018, 9, 30),
        title="Zq-ours CMT",
    )
    concern = raise_concern(
        action=lead_action,
        concern_type="overdue",
        raised_at=meeting,
        action_required="Zq-ours recovery plan to CMT.",
        by=pmo,
    )
    cycle = open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 1, 10),
        update_deadline=datetime.date(2019, 1, 3),
        by=pmo,
    )
    lead_action.refresh_from_db()
    update_action(
        action=lead_action,
        expected_version=lead_action.version,
        by=pmo,
        progress="Zq-ours progress",
        rag="A",
        new_due_date=datetime.date(2099, 6, 30),
        revision_reason="Zq-ours reason",
    )
    close_cycle(cycle=cycle, by=pmo)
    pack = IssuedPack(
        plan=plan, cycle=cycle, version=1, sha256="0" * 64, size=3, pages=1, issued_by=pmo
    )
    pack.file.save("pack.pdf", ContentFile(b"PDF"), save=False)
    pack.save()
    programme = QippProgrammeFactory(name="Zq-ours QIPP programme")
    target = QippTargetFactory(programme=programme, organisation=organisation, monthly=Decimal(1))
    scheme = QippSchemeFactory(
        programme=programme,
        organisation=organisation,
        name="Zq-ours scheme",
        programme_area=ProgrammeAreaFactory(name="Zq-ours programme area"),
        workstream=WorkstreamFactory(name="Zq-ours workstream"),
        sro=officer,
    )
    recovery = RecoveryPlan.objects.create(
        programme=programme,
        title="Zq-ours recovery plan",
        as_at=datetime.date(2019, 10, 4),
        forecast_month=4,
    )
    AccessAttempt.objects.create(username="pmo", ip_address="10.0.0.1", failures_since_start=1)
    AccessLog.objects.create(username="pmo", ip_address="10.0.0.1")
    AccessFailureLog.objects.create(username="pmo", ip_address="10.0.0.1", locked_out=False)
    return {
        "auth.group": Group.objects.get(name=PMO_GROUP),
        "auth.user": pmo,
        "axes.accessattempt": AccessAttempt.objects.get(),
        "axes.accesslog": AccessLog.objects.get(),
        "axes.accessfailurelog": AccessFailureLog.objects.get(),
        "improvement.organisation": organisation,
        "improvement.officer": officer,
        "improvement.membership": Membership.objects.get(user=pmo),
        "improvement.signinmapping": SignInMapping.objects.create(
            kind=ClaimKind.GROUP, value="Zq-ours-group", organisation=organisation, role="pmo"
        ),
        "improvement.improvementplan": plan,
        "improvement.improvementarea": area,
        "improvement.recommendation": recommendation,
        "improvement.reportingcycle": cycle,
        "improvement.meeting": meeting,
        "improvement.meetingitem": concern,
        "improvement.issuedpack": pack,
        "actions.action": lead_action,
        "actions.progressupdate": ProgressUpdate.objects.get(action=lead_action),
        "actions.evidence": evidence,
        "actions.deadlinerevision": DeadlineRevision.objects.get(action=lead_action),
        "actions.actionsnapshot": ActionSnapshot.objects.get(action=lead_action),
        "risks.risk": RiskFactory(organisation=organisation, owner=officer, title="Zq-ours risk"),
        "risks.financialrisk": FinancialRisk.objects.create(
            organisation=organisation,
            table="Zq-ours plan risks",
            group="qipp",
            area="Zq-ours CHC",
            total_risk=Decimal("-2"),
        ),
        "finance.programmearea": scheme.programme_area,
        "finance.workstream": scheme.workstream,
        "finance.qippprogramme": programme,
        "finance.qipptarget": target,
        "finance.qippscheme": scheme,
        "finance.recoveryplan": recovery,
        "finance.riskadjustedqipp": RiskAdjustedQipp.objects.create(
            organisation=organisation,
            table="Zq-ours QIPP M3",
            status="Schemes in delivery",
            rag="G",
            net_value=Decimal("100"),
            risk_adjusted=Decimal("90"),
        ),
    }


def registered():
    return sorted(model._meta.label_lower for model in admin.site._registry)


def test_every_admin_model_is_in_the_matrix(ours):
    assert registered() == sorted(ours)


def test_every_admin_with_history_scopes_its_history_pages():
    from simple_history.admin import SimpleHistoryAdmin

    for model_admin in admin.site._registry.values():
        if isinstance(model_admin, SimpleHistoryAdmin):
            assert isinstance(model_admin, ScopedHistoryAdmin), type(model_admin).__name__


def everything():
    """Every row of every admin model, to prove nothing changed."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in admin.site._registry
    }


def object_urls(obj):
    opts = obj._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}"
    urls = [f"{base}/change/", f"{base}/history/", f"{base}/delete/"]
    history = getattr(type(obj), "history", None)
    if history is not None:
        record = obj.history.order_by("history_id").first()
        urls.append(f"{base}/history/{record.history_id}/")
    return urls


def assert_nothing_of_ours(response, url):
    body = response.content.decode(errors="replace")
    for word in OURS:
        assert word not in body, f"{url} shows {word!r}"


def foreign_keys_to_ours(model, ours):
    """Form fields of `model` that name a row of another model in the matrix."""
    by_model = {type(obj): obj for obj in ours.values()}
    for field in model._meta.get_fields():
        if (
            isinstance(field, ForeignKey | ManyToManyField)
            and field.editable
            and field.related_model in by_model
        ):
            yield field.name, by_model[field.related_model], isinstance(field, ManyToManyField)


@pytest.mark.parametrize("label", registered())
def test_another_organisations_pmo_reads_nothing_of_ours(client, outsider, ours, label):
    obj = ours[label]
    client.force_login(outsider)
    opts = obj._meta
    changelist = client.get(f"/admin/{opts.app_label}/{opts.model_name}/")
    assert changelist.status_code in {200, 403}
    assert_nothing_of_ours(changelist, "the change list")
    add = client.get(f"/admin/{opts.app_label}/{opts.model_name}/add/")
    assert_nothing_of_ours(add, "the add page")
    for url in object_urls(obj):
        response = client.get(url)
        assert response.status_code in REFUSED, f"{url} answered {response.status_code}"
        assert_nothing_of_ours(response, url)


@pytest.mark.parametrize("label", registered())
def test_another_organisations_pmo_changes_nothing_of_ours(client, outsider, ours, label):
    obj = ours[label]
    model = type(obj)
    opts = obj._meta
    client.force_login(outsider)
    before = everything()
    for url in object_urls(obj):
        response = client.post(url, {"post": "yes", "_save": "Save"})
        assert response.status_code in REFUSED | {405}, f"{url} answered {response.status_code}"
        assert_nothing_of_ours(response, url)
    for name, target, many in foreign_keys_to_ours(model, ours):
        url = f"/admin/{opts.app_label}/{opts.model_name}/add/"
        response = client.post(url, {name: [target.pk] if many else target.pk})
        assert response.status_code in REFUSED | {200}, f"{url} answered {response.status_code}"
        assert_nothing_of_ours(response, f"{url} with our {name}")
        form = response.context["adminform"].form if response.status_code == 200 else None
        if form is not None and name in form.fields:
            errors = form.errors.get(name, [])
            assert any("valid choice" in error for error in errors), (name, errors)
    assert everything() == before


def test_another_organisations_names_are_not_in_the_change_list_filters(client, outsider, ours):
    client.force_login(outsider)
    for url in (
        "/admin/actions/action/",
        "/admin/improvement/officer/",
        "/admin/risks/risk/",
        "/admin/finance/qippscheme/",
        "/admin/actions/progressupdate/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert_nothing_of_ours(response, url)


def test_the_pmos_own_filters_still_name_their_areas(client, pmo, ours, plan):
    ActionFactory(area=AreaFactory(plan=plan, number=2, title="Financial Recovery"))
    client.force_login(pmo)
    body = client.get("/admin/actions/action/").content.decode()
    assert "Leadership, Structure and OD" in body


def test_the_pmo_reads_their_own_actions_history_item(client, pmo, ours):
    action = ours["actions.action"]
    record = action.history.order_by("history_id").last()
    assert record.history_id != action.pk  # the page must look the record up by both
    client.force_login(pmo)
    response = client.get(f"/admin/actions/action/{action.pk}/history/{record.history_id}/")
    assert response.status_code == 200
    assert "Zq-ours: formulate the budget timetable." in response.content.decode()


def test_history_items_cannot_be_reverted_even_by_their_own_pmo(client, pmo, ours, area):
    action = ours["actions.action"]
    record = action.history.order_by("history_id").first()
    client.force_login(pmo)
    response = client.post(
        f"/admin/actions/action/{action.pk}/history/{record.history_id}/",
        {"area": area.pk, "number": "1.1", "text": "Reverted", "rag": "G"},
    )
    assert response.status_code == 405
    action.refresh_from_db()
    assert action.text.startswith("Zq-ours")


def test_a_raw_id_box_does_not_name_another_organisations_action(client, outsider, ours):
    client.force_login(outsider)
    action = ours["actions.action"]
    response = client.post("/admin/actions/progressupdate/add/", {"action": action.pk})
    assert response.status_code == 200
    assert "Zq-ours" not in response.content.decode()
