"""Browser tests: Playwright driving Debian's Chromium against a live server.

Without /usr/bin/chromium they are skipped with the reason; with REQUIRE_E2E=1 (set by
.ci/run) a missing browser fails the run instead, so CI can never pass them silently.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself (fixtures) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
DEMO_PASSWORD = "e2e-demo-password"
SERIOUS = {"serious", "critical"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    reason = f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package"
    if os.environ.get("REQUIRE_E2E") == "1":
        raise pytest.UsageError(f"REQUIRE_E2E=1 but {reason}")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Make pages, each in its own browser context (a person of their own) at a given
    width; the test fails if the Content-Security-Policy refused anything on any of them
    (an inline script or style, a font or image from elsewhere). All are closed after."""
    contexts, refused = [], []

    def make(width: int = 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()

        def on_console(message, page=page):
            # axe-core's own checks apply styles while it runs (seen on the admin's pages);
            # the pages themselves are held to the policy.
            if "Content Security Policy" in message.text and not getattr(
                page, "axe_running", False
            ):
                refused.append(message.text)

        page.on("console", on_console)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not refused, "Blocked by the Content-Security-Policy:\n" + "\n".join(refused)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def demo_plan(transactional_db):
    call_command("load_demo", password=DEMO_PASSWORD, stdout=io.StringIO())


def log_in_page(page, live_server, username: str):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    # The demo's PMO and Governing Body member belong to more than one organisation with a
    # plan, so they start from the list of plans; these journeys are Southend's.
    if page.get_by_role("heading", name="Improvement plans", level=1).count():
        page.get_by_role("link", name=re.compile(r"^NHS Southend CCG: ")).click()
        page.wait_for_load_state()
        if username == "pmo":  # where a PMO of one plan lands
            follow_menu(page, "Needs attention")
    return page


@pytest.fixture
def log_in(page, live_server, demo_plan):
    def log_in_as(username):
        return log_in_page(page, live_server, username)

    return log_in_as


@pytest.fixture
def assert_accessible():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        page.axe_running = True
        try:
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        finally:
            page.axe_running = False
        serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in serious
        )
        assert not serious, f"Accessibility violations on {page.url}:\n{details}"

    return check


def follow_menu(page, name: str) -> None:
    """Click a menu link, opening "More" first when the NHS.UK header has folded it there."""
    # The header folds links into "More" by script once the page has loaded: decide only
    # then, and wait for the navigation so the next step starts on the new page.
    page.wait_for_load_state()
    link = page.get_by_role("navigation", name="Menu").get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        page.get_by_role("button", name="Browse More").click()
    with page.expect_navigation():
        link.click()
