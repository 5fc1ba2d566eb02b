"""Every page, as each role: no server error, one <h1>, a plain-text <title>, no
duplicate ids, no inline script or style (the Content-Security-Policy would refuse
them), and no drop-down whose empty choice is Django's "---------". A broken template
(markup pasted into the title block, a block rendered twice) fails here before a user
sees it."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.security.test_isolation import TARGETS, ours  # noqa: F401 (a fixture)
from tests.security.test_methods import READ_ONLY, TAKES_A_FORM

NOT_HTML = {
    "health",
    "pack-download",
    "pack-build",
    "pack-build-download",
    "evidence-download",
    "workbook-download",
    "sign-in-start",  # redirects to the identity provider (404 without one)
    "oidc_authentication_callback",
    "admin-login",  # the admin's own page
    # The API answers JSON (its documentation page, api-docs, is a page like the others).
    *(name for name in READ_ONLY if name.startswith("api-") and name != "api-docs"),
}
POST_ONLY = {
    "cycle-close",
    "attention-accept",
    "attention-remind",
    "concern-raise",
    "concern-dismiss",
    "pack-issue",
    "pack-draft",
    "evidence-add",
    "action-turn-back",
    "embedding-review",
    "action-confirm-held",
    "evidence-accept",
    "evidence-reject",
    "logout",
    "api-token-revoke",
    "organisation-pack",
}
PAGES = sorted((READ_ONLY | TAKES_A_FORM) - NOT_HTML - POST_ONLY - {"login"})
ROLES = ["pmo", "lead", "gb_member", "nhse_viewer"]


class PageShape(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = Counter()
        self.h1 = 0
        self.in_title = False
        self.title_tags = 0
        self.title = ""
        self.inline = []  # inline scripts and style attributes
        self.select = None
        self.in_option = False
        self.dashed = []  # selects whose empty choice reads Django's "---------"

    def handle_starttag(self, tag, attrs):
        if self.in_title:
            self.title_tags += 1
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.h1 += 1
        attributes = dict(attrs)
        if tag == "select":
            self.select = attributes.get("name")
        self.in_option = tag == "option"
        if tag == "script" and "src" not in attributes:
            self.inline.append("<script> without src")
        if tag == "style":
            self.inline.append("<style>")
        if "style" in attributes:
            self.inline.append(f'<{tag} style="{attributes["style"]}">')
        for name, value in attrs:
            if name == "id":
                self.ids[value] += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "option":
            self.in_option = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.in_option and data.strip().startswith("-----"):
            self.dashed.append(self.select)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_renders_whole_for_each_role(client, request, ours, role):  # noqa: F811
    user = request.getfixturevalue(role)
    client.force_login(user)
    seen = 0
    for name in PAGES:
        args = [ours[TARGETS[name]]] if name in TARGETS else []
        url = reverse(name, args=args)
        response = client.get(url, follow=True)  # the home and finance pages redirect
        assert response.status_code in {200, 403}, f"{url} as {role}: {response.status_code}"
        if response.status_code != 200:
            continue
        seen += 1
        shape = PageShape()
        shape.feed(response.content.decode())
        duplicates = [value for value, count in shape.ids.items() if count > 1]
        assert shape.h1 == 1, f"{url} as {role} has {shape.h1} <h1>"
        assert shape.title_tags == 0 and "<" not in shape.title, f"{url} title: {shape.title!r}"
        assert shape.title.strip(), f"{url} has no title"
        assert not duplicates, f"{url} as {role} repeats ids {duplicates}"
        assert not shape.inline, f"{url} as {role} has inline code: {shape.inline[:3]}"
        assert not shape.dashed, f"{url}: the empty choice of {shape.dashed} reads '---------'"
    assert seen >= 15


def test_the_admin_index_renders_for_the_pmo(client, pmo, ours):  # noqa: F811
    client.force_login(pmo)
    response = client.get("/admin/")
    assert response.status_code == 200
