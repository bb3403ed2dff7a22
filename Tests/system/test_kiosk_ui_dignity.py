"""What the person at a station reads and hears, in a real browser (Debian's chromium,
headless, selenium) against the real daemon: a failed save said in the page's language and
never the daemon's own sentence; no grade after a try; first-person wording for declining;
the short reference and the centre's contact line at the end; dialogs that keep the
keyboard inside and give focus back; a finger status redrawn only when its words change."""

import re
import sqlite3
import time

import pytest
from kiosk_browser import console_errors, screenshot
from kiosk_ui_support import Daemon
from test_kiosk_ui_flows import (  # noqa: F401 (browser is a fixture)
    OPERATOR, STATION_TOKEN, browser, check_nothing_left, click, sign_in, start_at_station, step, type_into, wait_for)

CONTACT = {"fa": "دفتر ثبت‌نام، خیابان آزادی، تلفن ۰۲۱۱۲۳۴۵۶۷۸", "en": "Registration office, Azadi Street, phone 021-1234567"}
ACCESS = (
    f"access: {{station_token: \"{STATION_TOKEN}\", pin_iterations: 1000}}\n"
    # No duplicate check: the same synthetic finger is enrolled again and again here.
    "session: {fingers: [right_index], face: false, duplicate_check: false, step_timeout_seconds: 300}\n"
    f"kiosk: {{contact_text: {{fa: \"{CONTACT['fa']}\", en: \"{CONTACT['en']}\"}}}}\n"
)


# A try was judged and found wanting (the page's own state: a station starts the reader
# again at once, so the outcome on screen is short-lived).
REJECTED = "return import('/js/app.js').then((m) => !!m.app.live.quality && m.app.live.quality.acceptable === false)"


def add_operator(daemon):
    daemon.add_operator(OPERATOR, "operator")


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = Daemon(tmp_path_factory.mktemp("kiosk-dignity"), access=ACCESS)
    add_operator(d)
    yield d
    assert d.stop() == 0


@pytest.fixture(scope="module")
def strict(tmp_path_factory):
    """A kiosk whose finger threshold no capture reaches: every try is rejected."""
    d = Daemon(tmp_path_factory.mktemp("kiosk-dignity-strict"),
               access=ACCESS.replace("face: false,", "face: false, finger_attempts: 2, finger_quality_threshold: 100,"))
    yield d
    assert d.stop() == 0


def to_the_finger(browser, daemon, lang, reference):
    start_at_station(browser, daemon, lang)
    click(browser, "consent-yes")
    wait_for(browser, "return document.getElementById('field-reference') !== null", message="the details")
    type_into(browser, "field-reference", reference)
    click(browser, "subject-next")
    wait_for(browser, "return document.querySelector('[data-step=finger]') !== null", message="the finger")


def staff_to_the_finger(browser, daemon, reference):
    """Signed in as staff (English), through consent and the details to the finger step."""
    sign_in(browser, daemon, "en")
    click(browser, "start")
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null")
    click(browser, "consent-yes")
    wait_for(browser, "return document.querySelector('[data-step=subject]') !== null")
    type_into(browser, "field-reference", reference)
    click(browser, "subject-next")
    wait_for(browser, "return document.querySelector('[data-step=finger]') !== null")


def to_the_review(browser, daemon, lang, reference):
    to_the_finger(browser, daemon, lang, reference)
    wait_for(browser, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'",
             message="the station's reader to wait")
    daemon.present_finger(1)
    wait_for(browser, "return document.querySelector('[data-step=review]') !== null", timeout=90, message="the review")


@pytest.mark.parametrize("lang, words", [("fa", "ثبت‌نام ذخیره نشد"), ("en", "could not be saved")])
def test_a_failed_save_is_said_in_the_pages_language_never_in_the_daemons_words(browser, daemon, lang, words):
    to_the_review(browser, daemon, lang, "SAVE-FAIL-1")
    review = browser.find_element("id", "review").text
    # Taken, not graded: no score on a station's review.
    assert not re.search(r"quality|کیفیت", review, re.IGNORECASE), review
    # Another writer holds the record database: the daemon's commit waits its busy
    # timeout and fails for real, with its own English sentence in `last_error`.
    database = sqlite3.connect(daemon.folder / "state" / "enrolld.sqlite", isolation_level=None, timeout=30)
    try:
        database.execute("BEGIN EXCLUSIVE")
        click(browser, "confirm")
        wait_for(browser, "const s = document.querySelector('[data-step=review]'); const c = document.getElementById('confirm');"
                          " return s && c && !c.disabled && document.getElementById('notice') !== null",
                 timeout=60, message="the failed save")
    finally:
        database.execute("ROLLBACK")
        database.close()
    # The refused save's 503 is the one network error expected.
    assert console_errors(browser, ["/confirm - Failed to load resource"]) == []
    session = browser.execute_async_script(
        "const done = arguments[0]; fetch('/v1/sessions/current').then((r) => r.json()).then(done, () => done(null));")
    raw = session.get("last_error") if session else None
    assert raw, session  # the daemon did fail, and said why in its own words
    page = browser.find_element("tag name", "body").text
    assert words in page, page
    assert raw not in browser.page_source
    for fragment in ("locked", "busy", "SQLITE", "enrolld.sqlite", str(daemon.folder)):
        assert fragment not in page, (fragment, page)
    screenshot(browser, f"station-{lang}-save-failed", sizes=["1280x800"])
    # The session as the daemon now tells it (with `last_error`), drawn without the
    # request's notice, as after a reload: the translated words, never the daemon's.
    browser.execute_script(
        "return import('/js/app.js').then((m) => fetch('/v1/sessions/current').then((r) => r.json())"
        ".then((s) => { m.app.notice = null; m.app.setSession(s); m.app.render(); return true; }))")
    wait_for(browser, "return document.getElementById('commit-failed') !== null", message="the failure from the session")
    assert words in browser.find_element("id", "commit-failed").text
    assert raw not in browser.page_source
    # The writer is gone: saving again works.
    click(browser, "confirm")
    wait_for(browser, "return document.getElementById('record-ref') !== null", timeout=60, message="the end screen")
    check_nothing_left(browser, "SAVE-FAIL-1")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_end_screen_gives_a_short_reference_and_the_centres_contact(browser, daemon, lang):
    to_the_review(browser, daemon, lang, "REF-OK-1")
    click(browser, "confirm")
    wait_for(browser, "return document.getElementById('record-ref') !== null", timeout=60, message="the end screen")
    reference = browser.find_element("id", "record-ref").text.strip()
    assert re.fullmatch(r"[0-9A-F]{4} [0-9A-F]{4}", reference), reference
    # Large type: the reference is read from across a desk.
    size = browser.execute_script("return parseFloat(getComputedStyle(document.querySelector('.reference-code')).fontSize)")
    body = browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 2.5 * body, (size, body)
    assert browser.find_element("id", "contact-text").text == CONTACT[lang]
    assert not browser.find_elements("id", "record-id")
    screenshot(browser, f"station-{lang}-reference")
    check_nothing_left(browser, "REF-OK-1")


def test_staff_keep_the_whole_record_id_and_the_reference_is_its_end(browser, daemon):
    staff_to_the_finger(browser, daemon, "STAFF-REF-1")
    click(browser, "scan")
    wait_for(browser, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'")
    daemon.present_finger(1)
    wait_for(browser, "return document.querySelector('[data-step=review]') !== null", timeout=90, message="the review")
    # Staff see the score on the review.
    assert re.search(r"quality \d+", browser.find_element("id", "review-fingers").text), browser.find_element("id", "review-fingers").text
    click(browser, "confirm")
    wait_for(browser, "return document.getElementById('record-ref') !== null", timeout=60)
    record = browser.find_element("id", "record-id").text.replace("-", "").upper()
    reference = browser.find_element("id", "record-ref").text.replace(" ", "")
    assert len(record) == 32 and record.endswith(reference), (record, reference)


@pytest.mark.parametrize("lang, button, reason", [
    ("fa", "ترجیح می‌دهم اثر این انگشت را ندهم", "ترجیح می‌دهم این را ندهم"),
    ("en", "I prefer not to give this finger", "I prefer not to give this"),
])
def test_a_station_declines_in_the_first_person(browser, daemon, lang, button, reason):
    to_the_finger(browser, daemon, lang, "DECLINE-1")
    assert browser.find_element("id", "finger-exception").text == button
    click(browser, "finger-exception")
    wait_for(browser, "return document.getElementById('exception-dialog') !== null", message="the dialog")
    dialog = browser.find_element("id", "exception-dialog").text
    assert reason in dialog and "person" not in dialog and "شخص" not in dialog, dialog
    screenshot(browser, f"station-{lang}-decline-first-person", sizes=["1280x800"])
    click(browser, "exception-submit")
    wait_for(browser, "return document.querySelector('[data-step=review]') !== null", timeout=60, message="the review")
    assert reason in browser.find_element("id", "review-fingers").text
    click(browser, "abort")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_station_shows_what_to_do_but_no_score(browser, strict, lang):
    to_the_finger(browser, strict, lang, "NOSCORE-1")
    wait_for(browser, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'")
    strict.present_finger(1)
    # The station starts the reader again by itself: the rejected try shows as its checks.
    wait_for(browser, REJECTED, timeout=60, message="the rejected try")
    status = browser.find_element("id", "finger-status").text
    assert not browser.find_elements("id", "quality"), status
    assert "100" not in status and "۱۰۰" not in status and not re.search(r"quality|کیفیت", status, re.IGNORECASE), status
    screenshot(browser, f"station-{lang}-rejected-no-score", sizes=["1280x800"])
    click(browser, "abort")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null")


def test_the_finger_status_is_not_redrawn_when_nothing_changed(browser, daemon):
    """The status panel is a live region: redrawing the same words makes a screen reader
    read them again. Updates with nothing new leave it alone; a new event redraws it."""
    to_the_finger(browser, daemon, "en", "QUIET-1")
    wait_for(browser, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'")
    changes = browser.execute_script("""
        return import('/js/app.js').then((m) => {
          const status = document.getElementById('finger-status');
          let changes = 0;
          const observer = new MutationObserver((records) => { changes += records.length; });
          observer.observe(status, { childList: true, subtree: true, characterData: true });
          for (let i = 0; i < 10; i += 1) m.app.update();
          return new Promise((resolve) => setTimeout(() => { observer.disconnect(); resolve(changes); }, 300));
        });""")
    assert changes == 0, changes
    # The reader's "finger detected" is news: the panel says it.
    changed = browser.execute_script("""
        return import('/js/app.js').then((m) => {
          const before = document.getElementById('finger-live').textContent;
          m.app.onEvent('finger_present', {type: 'finger_present'});
          return document.getElementById('finger-live').textContent !== before;
        });""")
    assert changed
    click(browser, "abort")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null")


def focused(driver):
    return driver.execute_script("const a = document.activeElement; return a ? (a.id || a.tagName) : null")


def test_a_dialog_keeps_the_keyboard_inside_and_gives_focus_back(browser, daemon):
    staff_to_the_finger(browser, daemon, "FOCUS-1")

    # The finger's exception dialog: opened from its button, the page behind is inert.
    browser.find_element("id", "finger-exception").click()
    wait_for(browser, "return document.getElementById('exception-dialog') !== null")
    inert = browser.execute_script(
        "return ['title', 'abort', 'screen'].map((id) => document.getElementById(id).inert)"
        ".concat([document.querySelector('body > footer').inert, document.getElementById('lang').inert,"
        " document.getElementById('banner').inert, document.getElementById('dialog').inert])")
    assert inert == [True, True, True, True, False, False, False], inert
    assert browser.execute_script("return document.getElementById('dialog').contains(document.activeElement)")
    # Tab and Shift+Tab never reach the page behind.
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    for key in [Keys.TAB] * 8 + [Keys.SHIFT + Keys.TAB] * 8:
        ActionChains(browser).send_keys(key).perform()
        where = browser.execute_script(
            "const a = document.activeElement; return document.getElementById('dialog').contains(a) || a.id === 'lang' || a === document.body")
        assert where, focused(browser)
    click(browser, "exception-cancel")
    wait_for(browser, "return document.getElementById('exception-dialog') === null")
    assert focused(browser) == "finger-exception"
    assert browser.execute_script("return document.getElementById('screen').inert") is False

    # The cancel dialog: Escape closes it, focus goes back to "Cancel enrollment".
    browser.find_element("id", "abort").click()
    wait_for(browser, "return document.getElementById('abort-yes') !== null")
    assert browser.execute_script("return document.getElementById('dialog').contains(document.activeElement)")
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    wait_for(browser, "return document.getElementById('dialog').hidden")
    assert focused(browser) == "abort"
    click(browser, "abort")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null")
    check_nothing_left(browser, "FOCUS-1")
