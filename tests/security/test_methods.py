"""Pages that only show something answer 405 to a POST instead of rendering as if it were
a GET; every URL is either one of those or a page that takes a form, and a new URL must
say which."""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from tests.security.test_isolation import TARGETS, ours  # noqa: F401 (a fixture)

READ_ONLY = {
    "home",
    "health",
    "plan-list",
    "plan-summary",
    "plan-attention",
    "concern-report",
    "meeting-detail",
    "organisation-meetings",
    "organisation-risk-register",
    "organisation-risk-heatmap",
    "financial-plan-risks",
    "pack-list",
    "pack-preview",
    "pack-download",
    "pack-build",
    "pack-build-download",
    "my-actions",
    "action-list",
    "timeline",
    "action-detail",
    "evidence-download",
    "risk-register",
    "risk-heatmap",
    "finance-programmes",
    "finance-dashboard",
    "finance-workstreams",
    "finance-schemes",
    "finance-recovery",
    "finance-scheme",
    "workbook-download",
    "sign-in-start",
    "oidc_authentication_callback",
    "api-root",
    "api-schema",
    "api-docs",
    "api-plan-list",
    "api-plan-detail",
    "api-area-list",
    "api-area-detail",
    "api-recommendation-list",
    "api-recommendation-detail",
    "api-action-list",
    "api-action-detail",
    "api-risk-list",
    "api-risk-detail",
    "api-scheme-list",
    "api-scheme-detail",
    "api-cycle-list",
    "api-cycle-detail",
    "api-snapshot-list",
    "api-snapshot-detail",
    "api-risk-snapshot-list",
    "api-risk-snapshot-detail",
}
TAKES_A_FORM = {
    "cycle-list",
    "cycle-close",
    "front-sheet",
    "organisation-pack",
    "attention-accept",
    "attention-remind",
    "concern-raise",
    "concern-dismiss",
    "concern-detail",
    "meeting-list",
    "pack-issue",
    "pack-draft",
    "action-update",
    "evidence-add",
    "action-turn-back",
    "embedding-review",
    "action-confirm-held",
    "evidence-accept",
    "evidence-reject",
    "risk-detail",
    "finance-bulk",
    "finance-scheme-update",
    "finance-scheme-assure",
    "login",
    "logout",
    "workbook-import",
    "workbook-import-preview",
    "api-tokens",
    "admin-login",
    "api-token-revoke",
}


def url_names():
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if "admin" not in str(pattern.pattern):
                    yield from walk(pattern.url_patterns)
            else:
                yield pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_url_is_either_read_only_or_takes_a_form():
    assert url_names() == READ_ONLY | TAKES_A_FORM
    assert not READ_ONLY & TAKES_A_FORM


@pytest.mark.parametrize("name", sorted(READ_ONLY))
def test_a_read_only_page_answers_405_to_a_post(client, pmo, ours, name):  # noqa: F811
    client.force_login(pmo)
    args = [ours[TARGETS[name]]] if name in TARGETS else []
    response = client.post(reverse(name, args=args))
    assert response.status_code == 405
    assert "GET" in response["Allow"]
