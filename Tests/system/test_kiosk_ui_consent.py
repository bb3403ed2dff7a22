"""The consent text and "Change details" in a real browser (Debian's chromium, headless,
selenium) against the real daemon: the page shows the daemon's text of the configured
version (no longer its own translation), only the paragraphs for what the policy takes,
with the text's digest for staff; and a typo seen on the review screen is corrected without
capturing anything again, staffed and at a self-service station."""

import hashlib

import pytest
from kiosk_browser import screenshot
from kiosk_ui_support import CONSENT, Daemon
from test_kiosk_ui_flows import (  # noqa: F401 (browser is a fixture)
    OPERATOR, STATION_TOKEN, browser, capture_fingers, check_nothing_left, click, face, set_language, sign_in,
    start_at_station, type_into, wait_for)

# No duplicate check: the same virtual finger is enrolled more than once here.
ACCESS = (
    f"access: {{station_token: \"{STATION_TOKEN}\", pin_iterations: 1000}}\n"
    "session: {fingers: [right_index], duplicate_check: false, step_timeout_seconds: 300}\n"
)


def expected_text(lang, fingers=True, face=True):
    """Version 1 as its files say, composed independently of the daemon."""
    def part(name):
        return (CONSENT / "2" / name).read_text(encoding="utf-8").strip()
    parts = ([part(f"{lang}.fingers.txt")] if fingers else []) + ([part(f"{lang}.face.txt")] if face else [])
    return "\n\n".join(parts + [part(f"{lang}.txt")])


def start_daemon(folder, access):
    d = Daemon(folder, access=access)
    d.add_operator(OPERATOR, "operator")
    return d


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = start_daemon(tmp_path_factory.mktemp("kiosk-consent"), ACCESS)
    yield d
    assert d.stop() == 0


def shown_paragraphs(driver):
    return driver.execute_script("return [...document.querySelectorAll('#consent-text p')].map((p) => p.textContent)")


def to_consent(driver, daemon, lang):
    sign_in(driver, daemon, lang)
    click(driver, "start")
    wait_for(driver, "return document.querySelector('[data-step=consent]') !== null", message="the consent screen")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_page_shows_the_daemons_text_of_the_version(browser, daemon, lang):
    to_consent(browser, daemon, lang)
    text = expected_text(lang)
    assert shown_paragraphs(browser) == text.split("\n\n")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert browser.find_element("id", "consent-text").get_attribute("data-sha256") == digest
    # The start of the digest for staff, in a closed detail; the person sees the version.
    assert digest[:12] in browser.find_element("id", "consent-digest").get_attribute("textContent")
    assert digest[:12] not in browser.find_element("id", "consent-version").text
    screenshot(browser, f"consent-daemon-text-{lang}")
    # Switching the language shows the other language's text of the same version.
    other = "en" if lang == "fa" else "fa"
    set_language(browser, other)
    wait_for(browser, f"return document.documentElement.lang === '{other}'")
    assert shown_paragraphs(browser) == expected_text(other).split("\n\n")
    click(browser, "consent-no")
    wait_for(browser, "return document.getElementById('aborted') !== null", message="the aborted screen")


def test_a_kiosk_without_photographs_does_not_mention_the_face(browser, tmp_path):
    d = start_daemon(tmp_path, ACCESS.replace("duplicate_check: false", "duplicate_check: false, face: false"))
    try:
        to_consent(browser, d, "en")
        paragraphs = shown_paragraphs(browser)
        assert paragraphs == expected_text("en", face=False).split("\n\n")
        assert not any("face" in p for p in paragraphs), paragraphs
        click(browser, "consent-yes")
        wait_for(browser, "return document.querySelector('[data-step=subject]') !== null", message="the details screen")
    finally:
        assert d.stop() == 0


def review_text(driver):
    wait_for(driver, "return document.querySelector('[data-step=review]') !== null", message="the review screen")
    return driver.find_element("id", "review").text


@pytest.mark.parametrize("staffed", [True, False], ids=["staffed", "station"])
def test_change_details_on_the_review_keeps_the_captures(browser, daemon, staffed):
    prefix = "staffed-en" if staffed else "station-en"
    if staffed:
        to_consent(browser, daemon, "en")
    else:
        start_at_station(browser, daemon, "en")
    click(browser, "consent-yes")
    wait_for(browser, "return document.querySelector('[data-step=subject]') !== null", message="the details screen")
    assert not browser.find_elements("id", "subject-changing")
    type_into(browser, "field-reference", "TYPO-1234")
    click(browser, "subject-next")
    capture_fingers(browser, daemon, prefix, staffed=staffed)
    face(browser, prefix)
    assert "TYPO-1234" in review_text(browser)
    click(browser, "change-details")

    wait_for(browser, "return document.querySelector('[data-step=subject]') !== null", message="the details screen again")
    assert browser.find_element("id", "subject-changing").is_displayed()
    assert browser.find_element("id", "field-reference").get_attribute("value") == "TYPO-1234"
    screenshot(browser, f"{prefix}-change-details")
    type_into(browser, "field-reference", "FIXED-5678")
    click(browser, "subject-next")

    # Straight back to the review: no finger or photograph asked for again.
    text = review_text(browser)
    assert "FIXED-5678" in text and "TYPO-1234" not in text
    states = browser.execute_script(
        "return [...document.querySelectorAll('#review-fingers li')].map((l) => [l.dataset.finger, l.dataset.state])")
    assert states == [["right_index", "captured"]], states
    session = browser.execute_async_script(
        "const done = arguments[0]; fetch('/v1/sessions/current').then((r) => r.json()).then(done, () => done(null));")
    assert session["face"]["state"] == "captured" and session["fingers"][0]["attempts"] == 1, session
    screenshot(browser, f"{prefix}-review-changed")
    click(browser, "confirm")
    wait_for(browser, "return document.getElementById('record-ref') !== null", message="the committed screen")
    check_nothing_left(browser, "FIXED-5678")
