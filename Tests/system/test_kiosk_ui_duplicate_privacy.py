"""The duplicate decision at a staffed kiosk, in a real browser against the real daemon,
while the person being enrolled stands at the screen: the earlier enrollment that matched
is shown as "earlier enrollment 1" with the match strength in words, never by its record id
(whose last eight digits are that other person's own reference) nor by a raw score; the
supervisor still decides, and the ids stay in what the API answers."""

import re

import pytest
from kiosk_browser import console_errors, screenshot
from kiosk_ui_support import Daemon
from test_kiosk_ui_flows import (  # noqa: F401 (browser is a fixture)
    OPERATOR, STATION_TOKEN, SUPERVISOR, browser, click, sign_in, type_into, wait_for)

ACCESS = (
    f"access: {{station_token: \"{STATION_TOKEN}\", pin_iterations: 1000}}\n"
    # The same virtual finger twice: the second enrollment finds the first.
    "session: {fingers: [right_index], face: false, duplicate_check: true, step_timeout_seconds: 300}\n"
)


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = Daemon(tmp_path_factory.mktemp("kiosk-duplicate-privacy"), access=ACCESS)
    for account, role in ((OPERATOR, "operator"), (SUPERVISOR, "supervisor")):
        d.add_operator(account, role)
    yield d
    assert d.stop() == 0


def enroll_to_the_finger(browser, reference):
    click(browser, "start")
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null", message="the consent")
    click(browser, "consent-yes")
    wait_for(browser, "return document.querySelector('[data-step=subject]') !== null", message="the details")
    type_into(browser, "field-reference", reference)
    click(browser, "subject-next")
    wait_for(browser, "return document.querySelector('[data-step=finger]') !== null", message="the finger")
    click(browser, "scan")
    wait_for(browser, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'",
             message="the reader to wait")


def test_the_other_persons_record_is_not_shown(browser, daemon):
    sign_in(browser, daemon, "en")
    enroll_to_the_finger(browser, "DUP-1")
    daemon.present_finger(1)
    wait_for(browser, "return document.querySelector('[data-step=review]') !== null", timeout=90, message="the review")
    click(browser, "confirm")
    wait_for(browser, "return document.getElementById('record-id') !== null", message="the committed screen")
    first = browser.find_element("id", "record-id").text.replace("-", "").lower()
    click(browser, "next")
    wait_for(browser, "return document.getElementById('home-title') !== null")

    enroll_to_the_finger(browser, "DUP-2")
    daemon.present_finger(1)
    wait_for(browser, "return document.querySelector('[data-step=duplicate_decision]') !== null", timeout=90,
             message="the duplicate decision")
    wait_for(browser, "return document.querySelectorAll('#candidates li').length > 0", message="the candidates")
    candidates = browser.execute_script("return import('/js/app.js').then((m) => m.app.session.duplicate_candidates)")
    assert [c["record_id"].replace("-", "").lower() for c in candidates] == [first], candidates
    screenshot(browser, "duplicate-decision-en", sizes=["1280x800"])

    page = browser.execute_script("return document.body.innerHTML").lower()
    shown = browser.find_element("id", "candidates").text
    for candidate in candidates:
        record = candidate["record_id"].lower()
        assert record not in page and record.replace("-", "") not in page.replace("-", "")
        # The other person's reference: the last eight hex digits, with or without a space.
        assert record.replace("-", "")[-8:] not in page.replace("-", "").replace(" ", "")
    assert not re.search(r"\d{2,}", shown), f"no score or id digits for an onlooker: {shown}"
    assert shown.startswith("Earlier enrollment 1 — ") and re.search(r"match$", shown), shown
    strength = browser.find_element("css selector", "#candidates li").get_attribute("data-strength")
    assert strength in ("possible", "strong", "very_strong")

    # Persian: the same, in Persian words.
    browser.find_element("id", "lang").click()
    wait_for(browser, "return document.documentElement.lang === 'fa'")
    persian = browser.find_element("id", "candidates").text
    assert persian.startswith("ثبت‌نام پیشین ۱") and "شباهت" in persian, persian

    # The supervisor still decides, and the decision goes on to the review.
    type_into(browser, "supervisor-id", SUPERVISOR[0])
    type_into(browser, "supervisor-pin", SUPERVISOR[1])
    click(browser, "not-duplicate")
    wait_for(browser, "return document.querySelector('[data-step=review]') !== null", message="the review after the decision")
    assert console_errors(browser, allowed=[]) == []
