"""Multi-organisation isolation, in one place: the PMO of another organisation tries every
URL that names an object (a plan, action, evidence, cycle, concern, meeting, pack, risk,
QIPP programme or scheme) of ours, reading and writing, and gets 404 or 403 every time,
with nothing changed. A test also fails when a new URL takes an id and is missing here."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse

from actions.models import ProgressUpdate
from actions.services import submit_evidence
from finance.models import QippScheme, RecoveryPlan
from improvement.concerns import raise_concern
from improvement.cycles import close_cycle, open_cycle
from improvement.models import (
    ApiToken,
    BuildKind,
    BuildStatus,
    IssuedPack,
    Meeting,
    MeetingBody,
    PackBuild,
)
from risks.models import RiskSnapshot
from tests.factories import (
    QippProgrammeFactory,
    QippSchemeFactory,
    QippTargetFactory,
    RecommendationFactory,
    RiskFactory,
    pdf_bytes,
)

PDF = pdf_bytes()
REFUSED = {404}  # the README promises "not found" across organisations
POST_ONLY = 405  # answered before any lookup, whatever the id: it reveals nothing
READ_ONLY = 405  # likewise, a POST to a page that only shows something


@pytest.fixture
def ours(plan, organisation, lead_action, lead, pmo):
    """One of everything a URL can name, all belonging to our organisation."""
    upload = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")
    evidence = submit_evidence(action=lead_action, by=lead, description="GB minutes", upload=upload)
    meeting = Meeting.objects.create(
        organisation=organisation, body=MeetingBody.CMT, date=datetime.date(2018, 9, 30)
    )
    concern = raise_concern(
        action=lead_action,
        concern_type="overdue",
        raised_at=meeting,
        action_required="Recovery plan to CMT.",
        by=pmo,
    )
    closed = open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 1, 10),
        update_deadline=datetime.date(2019, 1, 3),
        by=pmo,
    )
    close_cycle(cycle=closed, by=pmo)
    pack = IssuedPack(
        plan=plan, cycle=closed, version=1, sha256="0" * 64, size=3, pages=1, issued_by=pmo
    )
    pack.file.save("pack.pdf", ContentFile(b"PDF"), save=False)
    pack.save()
    build = PackBuild(plan=plan, kind=BuildKind.DRAFT, status=BuildStatus.DONE, requested_by=pmo)
    build.draft.save("draft.pdf", ContentFile(b"%PDF-draft"), save=False)
    build.save()
    cycle = open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 2, 1),
        update_deadline=datetime.date(2019, 1, 25),
        by=pmo,
    )
    programme = QippProgrammeFactory()
    QippTargetFactory(programme=programme, organisation=organisation, monthly=Decimal("10"))
    scheme = QippSchemeFactory(programme=programme, organisation=organisation, monthly=Decimal("5"))
    RecoveryPlan.objects.create(
        programme=programme, as_at=datetime.date(2019, 10, 4), forecast_month=4
    )
    token, _ = ApiToken.issue(user=pmo, name="Power BI", days=30)
    risk = RiskFactory(organisation=organisation)
    risk_snapshot = RiskSnapshot.objects.create(cycle=closed, risk=risk, status=risk.status)
    return {
        "plan_id": plan.pk,
        "area": lead_action.area_id,
        "recommendation": RecommendationFactory(area=lead_action.area).pk,
        "snapshot": closed.action_snapshots.get().pk,
        "token": token.pk,
        "action": lead_action.pk,
        "evidence": evidence.pk,
        "cycle": cycle.pk,
        "concern": concern.pk,
        "meeting": meeting.pk,
        "organisation": organisation.pk,
        "pack": pack.pk,
        "build": build.pk,
        "risk": risk.pk,
        "risk_snapshot": risk_snapshot.pk,
        "programme_id": programme.pk,
        "scheme": scheme.pk,
    }  # fmt: skip


# Every URL that takes an id, with the object of ours it is given.
TARGETS = {
    "plan-summary": "plan_id",
    "cycle-list": "plan_id",
    "plan-attention": "plan_id",
    "attention-accept": "plan_id",
    "attention-remind": "plan_id",
    "cycle-close": "cycle",
    "front-sheet": "cycle",
    "concern-report": "plan_id",
    "concern-raise": "plan_id",
    "concern-dismiss": "plan_id",
    "concern-detail": "concern",
    "meeting-list": "plan_id",
    "meeting-detail": "meeting",
    "organisation-meetings": "organisation",
    "organisation-pack": "organisation",
    "organisation-risk-register": "organisation",
    "organisation-risk-heatmap": "organisation",
    "financial-plan-risks": "organisation",
    "pack-list": "plan_id",
    "pack-preview": "plan_id",
    "pack-draft": "plan_id",
    "pack-issue": "plan_id",
    "pack-download": "pack",
    "pack-build": "build",
    "pack-build-download": "build",
    "action-list": "plan_id",
    "timeline": "plan_id",
    "action-detail": "action",
    "action-update": "action",
    "evidence-add": "action",
    "action-turn-back": "action",
    "embedding-review": "action",
    "action-confirm-held": "action",
    "evidence-download": "evidence",
    "evidence-accept": "evidence",
    "evidence-reject": "evidence",
    "risk-register": "plan_id",
    "risk-heatmap": "plan_id",
    "risk-detail": "risk",
    "finance-dashboard": "programme_id",
    "finance-workstreams": "programme_id",
    "finance-schemes": "programme_id",
    "finance-bulk": "programme_id",
    "finance-recovery": "programme_id",
    "finance-scheme": "scheme",
    "finance-scheme-update": "scheme",
    "finance-scheme-assure": "scheme",
    "workbook-download": "plan_id",
    "workbook-import": "plan_id",
    "workbook-import-preview": "plan_id",
    "api-token-revoke": "token",
    "api-plan-detail": "plan_id",
    "api-area-detail": "area",
    "api-recommendation-detail": "recommendation",
    "api-action-detail": "action",
    "api-risk-detail": "risk",
    "api-scheme-detail": "scheme",
    "api-cycle-detail": "cycle",
    "api-snapshot-detail": "snapshot",
    "api-risk-snapshot-detail": "risk_snapshot",
}


def urls_taking_an_id():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if "admin" not in str(pattern.pattern):  # the admin scopes itself (tested)
                    yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif "<int:" in prefix + str(pattern.pattern):
                yield pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_url_that_takes_an_id_is_in_the_isolation_matrix():
    assert urls_taking_an_id() == set(TARGETS)


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_another_organisations_pmo_cannot_read_it(client, outsider, ours, name):
    client.force_login(outsider)
    response = client.get(reverse(name, args=[ours[TARGETS[name]]]))
    assert response.status_code in REFUSED | {POST_ONLY}, f"{name} answered {response.status_code}"


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_another_organisations_pmo_cannot_write_to_it(client, outsider, ours, name):
    client.force_login(outsider)
    before = (
        ProgressUpdate.objects.count(),
        IssuedPack.objects.count(),
        list(QippScheme.objects.values_list("forecast", "assured_value")),
    )
    response = client.post(
        reverse(name, args=[ours[TARGETS[name]]]),
        {"version": 1, "progress": "Intruder.", "rag": "G", "reason": "x", "forecast": "1"},
    )
    # A read-only page answers 405 before any lookup, whatever the id: it reveals nothing.
    assert response.status_code in REFUSED | {READ_ONLY}, f"{name} answered {response.status_code}"
    after = (
        ProgressUpdate.objects.count(),
        IssuedPack.objects.count(),
        list(QippScheme.objects.values_list("forecast", "assured_value")),
    )
    assert after == before
