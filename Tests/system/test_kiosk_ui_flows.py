"""Whole enrollments through the kiosk UI in a real browser (Debian's chromium, headless,
selenium), against the real daemon with libfprint's virtual_image reader (a finger is
"placed" with `enrollctl demo present`) and the virtual camera: a staffed enrollment with a
finger exception approved by a supervisor, and a self-service enrollment, each in Persian
and in English. Screens are saved at 1280x800 and 1920x1080. After each flow: a record id
on screen, no console errors, nothing in browser storage, nothing of the person in the page."""

import json
import re
import time

import pytest
from kiosk_browser import console_errors, screenshot, start_browser, stored_state
from conftest import REPO
from kiosk_ui_support import Daemon

STATION_TOKEN = "kiosk-ui-test-station-token-0123"
OPERATOR = ("op.one", "1357")
SUPERVISOR = ("sup.one", "2468")
FINGERS = ["right_index", "left_index", "right_thumb"]
ACCESS = (
    f"access: {{station_token: \"{STATION_TOKEN}\", pin_iterations: 1000}}\n"
    f"session: {{fingers: [{', '.join(FINGERS)}], step_timeout_seconds: 300}}\n"
)
# Network answers the flows cause on purpose: none. Anything SEVERE in the console fails.
ALLOWED = []


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = Daemon(tmp_path_factory.mktemp("kiosk-flows"), access=ACCESS)
    for account, role in ((OPERATOR, "operator"), (SUPERVISOR, "supervisor")):
        d.add_operator(account, role)
    yield d
    assert d.stop() == 0


@pytest.fixture
def browser():
    driver = start_browser("1280x800")
    yield driver
    driver.quit()


def wait_for(driver, script, timeout=60, message=""):
    from selenium.webdriver.support.ui import WebDriverWait
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: d.execute_script(script))
    except Exception as error:
        state = driver.execute_script(
            "const s = document.querySelector('[data-step]'); return [s && s.dataset.step, "
            "document.getElementById('screen').innerText.slice(0, 400)]")
        raise AssertionError(f"waited for {message or script}: screen {state}") from error


def step(driver):
    return driver.execute_script("const s = document.querySelector('[data-step]'); return s ? s.dataset.step : null")


def click(driver, element_id):
    wait_for(driver, f"const e = document.getElementById('{element_id}'); return e && !e.disabled && e.offsetParent !== null",
             message=f"#{element_id} to be clickable")
    driver.find_element("id", element_id).click()


def set_language(driver, lang):
    if driver.execute_script("return document.documentElement.lang") != lang:
        driver.find_element("id", "lang").click()
    wait_for(driver, f"return document.documentElement.lang === '{lang}'")
    assert driver.execute_script("return document.documentElement.dir") == ("rtl" if lang == "fa" else "ltr")


def type_into(driver, element_id, text):
    field = driver.find_element("id", element_id)
    field.clear()
    field.send_keys(text)


def capture_fingers(driver, daemon, prefix, staffed, exception_finger=None):
    """Every finger of the policy: scan (staffed) or wait for the station to start the
    reader, put a finger on the virtual reader, see the result; one finger recorded as an
    exception approved by the supervisor when asked."""
    wait_for(driver, "return document.querySelector('[data-step=finger]') !== null", message="the first finger")
    shots = 0
    while step(driver) == "finger":
        finger = driver.execute_script("return document.querySelector('#finger-list li.current').dataset.finger")
        if finger == exception_finger:
            click(driver, "finger-exception")
            wait_for(driver, "return document.getElementById('exception-dialog') !== null")
            driver.find_element("css selector", "#exception-dialog input[value='bandaged']").click()
            type_into(driver, "supervisor-id", SUPERVISOR[0])
            type_into(driver, "supervisor-pin", SUPERVISOR[1])
            screenshot(driver, f"{prefix}-exception")
            click(driver, "exception-submit")
            wait_for(driver, f"const l = document.querySelector('#finger-list li.current'); "
                             f"return !l || l.dataset.finger !== '{finger}'", message="the exception to be recorded")
            continue
        if staffed:
            click(driver, "scan")
        # The reader itself said it waits (the finger_needed event), so the finger counts.
        wait_for(driver, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'",
                 message=f"the reader to wait for {finger}")
        if shots == 0:
            screenshot(driver, f"{prefix}-finger-waiting")
        daemon.present_finger(1 + FINGERS.index(finger))
        wait_for(driver, f"""
            const s = document.querySelector('[data-step]');
            const l = document.querySelector('#finger-list li.current');
            return !s || s.dataset.step !== 'finger' || !l || l.dataset.finger !== '{finger}'
              || ['rejected', 'retry'].includes(document.getElementById('finger-status').dataset.outcome);
        """, message=f"the capture of {finger}")
        if shots == 0 and step(driver) == "finger":
            screenshot(driver, f"{prefix}-finger-next")
        shots += 1


def face(driver, prefix, lang=None):
    wait_for(driver, "return document.querySelector('[data-step=face]') !== null")
    if lang:
        # At a station the person reads the way out in the first person, as for fingers.
        words = json.loads((REPO / "ui/kiosk/i18n" / f"{lang}.json").read_text(encoding="utf-8"))
        assert driver.find_element("id", "face-exception").text.strip() == words["face.cannot_station"]
    wait_for(driver, "const i = document.getElementById('preview-image'); return i && !i.hidden && i.naturalWidth > 0",
             message="the live preview")
    screenshot(driver, f"{prefix}-face")
    click(driver, "take-photo")
    wait_for(driver, "const s = document.querySelector('[data-step]'); return !s || s.dataset.step !== 'face'",
             message="the photo to be taken")


def duplicates(driver, prefix, staffed):
    wait_for(driver, "const s = document.querySelector('[data-step]'); "
                     "return !s || !['duplicate_check'].includes(s.dataset.step)", message="the duplicate search")
    if step(driver) == "duplicate_decision":
        screenshot(driver, f"{prefix}-duplicate")
        if staffed:
            type_into(driver, "supervisor-id", SUPERVISOR[0])
            type_into(driver, "supervisor-pin", SUPERVISOR[1])
            click(driver, "not-duplicate")
        wait_for(driver, "const s = document.querySelector('[data-step]'); return !s || s.dataset.step !== 'duplicate_decision'",
                 message="the duplicate decision")


def review_and_commit(driver, prefix):
    wait_for(driver, "return document.querySelector('[data-step=review]') !== null", message="the review screen")
    screenshot(driver, f"{prefix}-review")
    click(driver, "confirm")
    # Staff and stations alike: the short reference to quote later, in large type; staff
    # also the whole record id, whose last eight digits the reference is.
    wait_for(driver, "return document.getElementById('record-ref') !== null", message="the committed screen")
    reference = driver.find_element("id", "record-ref").text.strip()
    assert re.fullmatch(r"[0-9A-F]{4} [0-9A-F]{4}", reference), reference
    full = driver.find_elements("id", "record-id")
    if full:
        assert full[0].text.replace("-", "").upper().endswith(reference.replace(" ", "")), (full[0].text, reference)
    screenshot(driver, f"{prefix}-committed")
    return reference


def check_nothing_left(driver, secret):
    state = stored_state(driver)
    assert state["local"] == 0 and state["session"] == 0, state
    assert state["databases"] == [] and state["caches"] == [], state
    for cookie in driver.get_cookies():
        assert cookie["name"] == "enrolld_session" and cookie["httpOnly"], cookie
        assert secret not in cookie["value"]
    assert secret not in driver.page_source
    assert console_errors(driver, ALLOWED) == []


def sign_in(driver, daemon, lang=None):
    """The operator signs in with the PIN, in `lang` when given; ends on the home screen."""
    driver.get(daemon.url + "/")
    wait_for(driver, "return document.getElementById('login-title') !== null")
    if lang:
        set_language(driver, lang)
    type_into(driver, "operator-id", OPERATOR[0])
    type_into(driver, "pin", OPERATOR[1])
    click(driver, "login-submit")
    wait_for(driver, "return document.getElementById('home-title') !== null", message="the home screen")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_staffed_enrollment(browser, daemon, lang):
    prefix = f"staffed-{lang}"
    sign_in(browser, daemon, lang)
    screenshot(browser, f"{prefix}-home")
    click(browser, "start")
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null", message="the consent screen")
    screenshot(browser, f"{prefix}-consent")
    click(browser, "consent-yes")

    wait_for(browser, "return document.querySelector('[data-step=subject]') !== null", message="the details screen")
    # A reference typed with Persian digits in Persian; the API gets ASCII digits.
    reference = "KUI-۴۷۱۱" if lang == "fa" else "KUI-4711"
    type_into(browser, "field-reference", reference)
    screenshot(browser, f"{prefix}-subject")
    click(browser, "subject-next")

    capture_fingers(browser, daemon, prefix, staffed=True, exception_finger="right_thumb")
    face(browser, prefix)
    duplicates(browser, prefix, staffed=True)
    if lang == "fa":
        assert "۴۷۱۱" not in browser.find_element("id", "review").text  # sent and shown as ASCII digits
    assert "4711" in browser.find_element("id", "review").text
    states = browser.execute_script(
        "return [...document.querySelectorAll('#review-fingers li')].map((l) => [l.dataset.finger, l.dataset.state])")
    assert states == [["right_index", "captured"], ["left_index", "captured"], ["right_thumb", "exception"]], states
    review_and_commit(browser, prefix)
    check_nothing_left(browser, "4711")
    click(browser, "next")
    wait_for(browser, "return document.getElementById('home-title') !== null")
    assert "4711" not in browser.page_source


def start_at_station(browser, daemon, lang, welcome_screenshot=None):
    """Signs the page in as a self-service station, in `lang`, and starts a session: the
    page is at its consent step."""
    browser.get(daemon.url + "/?mode=station")
    wait_for(browser, "return document.getElementById('setup-title') !== null")
    type_into(browser, "station-token", STATION_TOKEN)
    click(browser, "station-submit")
    wait_for(browser, "return document.getElementById('welcome-title') !== null", message="the welcome screen")
    set_language(browser, lang)
    if welcome_screenshot:
        screenshot(browser, welcome_screenshot)
    click(browser, "start")
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_self_service_enrollment(browser, daemon, lang):
    prefix = f"station-{lang}"
    start_at_station(browser, daemon, lang, welcome_screenshot=f"{prefix}-welcome")
    screenshot(browser, f"{prefix}-consent")
    click(browser, "consent-yes")
    if wait_for(browser, "const s = document.querySelector('[data-step]'); return s && s.dataset.step !== 'consent' && s.dataset.step") == "subject":
        wait_for(browser, "return document.getElementById('field-reference') !== null")
        type_into(browser, "field-reference", "SELF-2024")
        click(browser, "subject-next")
    capture_fingers(browser, daemon, prefix, staffed=False)
    face(browser, prefix, lang=lang)
    duplicates(browser, prefix, staffed=False)
    review_and_commit(browser, prefix)
    # The person gets the short reference, not a 32-digit id.
    assert not browser.find_elements("id", "record-id")
    check_nothing_left(browser, "SELF-2024")
    # The screen says how long the reference stays, counts down, and gives more time twice.
    def seconds_left():
        text = browser.find_element("id", "ended-countdown").text
        return int("".join(str("0123456789۰۱۲۳۴۵۶۷۸۹".index(c) % 10) for c in text if c in "0123456789۰۱۲۳۴۵۶۷۸۹"))
    first = seconds_left()
    assert 40 <= first <= 45, first
    time.sleep(1.6)
    assert seconds_left() < first
    click(browser, "ended-more")
    assert seconds_left() > first + 20
    click(browser, "ended-more")
    wait_for(browser, "return document.getElementById('ended-more').hidden", message="more time used up")
    assert browser.execute_script("return document.activeElement.id") == "next"
    click(browser, "next")
    wait_for(browser, "return document.getElementById('welcome-title') !== null")
    # Back to the start, in Persian, for the next person.
    assert browser.execute_script("return document.documentElement.lang") == "fa"


def test_abort_keeps_nothing(browser, daemon):
    sign_in(browser, daemon)
    click(browser, "start")
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null")
    click(browser, "consent-yes")
    wait_for(browser, "return document.querySelector('[data-step=subject]') !== null")
    type_into(browser, "field-reference", "ABORT-9999")
    click(browser, "subject-next")
    wait_for(browser, "return document.querySelector('[data-step=finger]') !== null")
    click(browser, "abort")
    wait_for(browser, "return document.getElementById('abort-yes') !== null")
    screenshot(browser, "staffed-abort-dialog")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null", message="the aborted screen")
    screenshot(browser, "staffed-aborted")
    assert "ABORT-9999" not in browser.page_source
    check_nothing_left(browser, "ABORT-9999")



def test_a_parent_or_guardian_agrees_for_a_child(browser, daemon):
    """Staffed: the second consent button records a guardian's consent (the session says
    so), and the exception dialog asks for a reason only, with no free-text note."""
    sign_in(browser, daemon, "en")
    click(browser, "start")
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null")
    assert browser.find_element("id", "consent-guardian").text == "A parent or guardian agrees"
    assert not browser.find_elements("id", "consent-minor")
    screenshot(browser, "staffed-consent-guardian")
    click(browser, "consent-guardian")
    wait_for(browser, "return document.querySelector('[data-step=subject]') !== null", message="the details screen")
    session = browser.execute_async_script(
        "const done = arguments[0]; fetch('/v1/sessions/current').then((r) => r.json()).then(done, () => done(null));")
    assert session and session["consent_by_guardian"] is True, session
    type_into(browser, "field-reference", "CHILD-0815")
    click(browser, "subject-next")
    wait_for(browser, "return document.querySelector('[data-step=finger]') !== null")
    click(browser, "finger-exception")
    wait_for(browser, "return document.getElementById('exception-dialog') !== null")
    dialog = browser.find_element("id", "exception-dialog")
    # The supervisor's id and PIN are the only fields: no free text about the person.
    assert not dialog.find_elements("css selector", "textarea, #exception-note")
    fields = [e.get_attribute("id") for e in dialog.find_elements("css selector", "input:not([type=radio])")]
    assert fields == ["supervisor-id", "supervisor-pin"], fields
    assert "Not there (from birth or lost)" in dialog.text and "amputat" not in dialog.text.lower()
    click(browser, "exception-cancel")
    abort(browser, "CHILD-0815")


@pytest.mark.parametrize("lang, words", [("fa", "میز کارکنان"), ("en", "staff desk")])
def test_a_station_sends_children_to_the_staff_desk(browser, daemon, lang, words):
    start_at_station(browser, daemon, lang)
    assert words in browser.find_element("id", "consent-minor").text
    assert not browser.find_elements("id", "consent-guardian")
    screenshot(browser, f"station-{lang}-consent-minor")
    click(browser, "consent-no")
    wait_for(browser, "return document.getElementById('aborted') !== null", message="the aborted screen")


def blank_png(path, size=320, gray=236):
    """A light, empty 'finger': what a sensor gives when someone barely touches it."""
    import struct
    import zlib
    rows = b"".join(b"\x00" + bytes([gray]) * size for _ in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


def sign_in_and_reach_the_first_finger(driver, daemon, lang, reference):
    sign_in(driver, daemon, lang)
    click(driver, "start")
    wait_for(driver, "return document.querySelector('[data-step=consent]') !== null")
    click(driver, "consent-yes")
    wait_for(driver, "return document.querySelector('[data-step=subject]') !== null")
    type_into(driver, "field-reference", reference)
    click(driver, "subject-next")
    wait_for(driver, "return document.querySelector('[data-step=finger]') !== null")


def scan_with(driver, present):
    """Scans the current finger; returns the outcome its screen shows, or "accepted" once the
    page has moved on with that finger captured (an accepted finger's outcome is not carried
    to the next finger's screen)."""
    finger = driver.execute_script("return document.querySelector('#finger-list li.current').dataset.finger")
    click(driver, "scan")
    wait_for(driver, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'",
             message="the reader to wait")
    present()
    outcome = f"""
        const l = document.querySelector('#finger-list li.current');
        if (l && l.dataset.finger === '{finger}') return document.getElementById('finger-status').dataset.outcome || null;
        const done = document.querySelector('#finger-list li[data-finger="{finger}"]');
        return done && done.dataset.state === 'captured' ? 'accepted' : 'moved on, {finger} ' + (done ? done.dataset.state : 'not listed');
    """
    wait_for(driver, outcome, message="the capture's outcome")
    return driver.execute_script(outcome)


def abort(driver, reference):
    click(driver, "abort")
    wait_for(driver, "return document.getElementById('abort-yes') !== null")
    click(driver, "abort-yes")
    wait_for(driver, "return document.getElementById('aborted') !== null", message="the aborted screen")
    check_nothing_left(driver, reference)


@pytest.mark.parametrize("lang, words", [("fa", "دوباره امتحان کنید"), ("en", "try again")])
def test_a_finger_the_reader_cannot_read_is_asked_again_without_using_an_attempt(browser, daemon, lang, words, tmp_path):
    blank = blank_png(tmp_path / "blank.png")
    sign_in_and_reach_the_first_finger(browser, daemon, lang, "RETRY-1")

    def present_blank():
        deadline = time.monotonic() + 30
        while daemon.enrollctl("demo", "present", str(blank)).returncode != 0:
            assert time.monotonic() < deadline, "the virtual reader took no image"
            time.sleep(0.2)

    # libfprint finds no print in it and asks again: the reason in the page's language.
    assert scan_with(browser, present_blank) == "retry"
    assert words in browser.find_element("id", "finger-status").text
    screenshot(browser, f"staffed-{lang}-finger-retry")
    session = browser.execute_script("return document.querySelector('#finger-list li.current').dataset.finger")
    assert session == FINGERS[0]
    # Not an attempt: a real finger next is attempt 1 and is accepted.
    assert scan_with(browser, lambda: daemon.present_finger(1)) == "accepted"
    wait_for(browser, f"const l = document.querySelector('#finger-list li.current'); return l && l.dataset.finger !== '{FINGERS[0]}'",
             message="the next finger")
    abort(browser, "RETRY-1")


@pytest.fixture(scope="module")
def strict_daemon(tmp_path_factory):
    """A kiosk whose finger threshold no capture reaches: every attempt is rejected."""
    strict = ACCESS.replace("step_timeout_seconds: 300}", "step_timeout_seconds: 300, finger_attempts: 2, finger_quality_threshold: 100}")
    d = Daemon(tmp_path_factory.mktemp("kiosk-strict"), access=strict)
    d.add_operator(OPERATOR, "operator")
    yield d
    assert d.stop() == 0


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_captures_below_the_threshold_are_rejected_until_the_attempts_are_used(browser, strict_daemon, lang):
    sign_in_and_reach_the_first_finger(browser, strict_daemon, lang, "STRICT-1")
    for attempt in (1, 2):
        assert scan_with(browser, lambda: strict_daemon.present_finger(1)) == "rejected"
        # The score and the threshold from the configuration, in the page's digits.
        quality = browser.find_element("id", "quality").text
        assert ("۱۰۰" if lang == "fa" else "100") in quality, quality
        if attempt == 1:
            screenshot(browser, f"staffed-{lang}-finger-rejected")
    # The attempts are used: the screen says so and offers only the respectful way out.
    wait_for(browser, "const b = document.getElementById('scan'); return !b || b.disabled || b.offsetParent === null",
             message="the scan button to be gone")
    assert browser.find_element("id", "finger-exception").is_enabled()
    screenshot(browser, f"staffed-{lang}-finger-attempts-used")
    abort(browser, "STRICT-1")


@pytest.mark.parametrize("lang, unplugged, back", [("fa", "جدا شده", "دوباره آماده است"), ("en", "unplugged", "ready again")])
def test_a_device_change_during_a_session_is_said_in_plain_words(browser, daemon, lang, unplugged, back):
    """The daemon's `device_health` event (its shape as tests/SessionManagerTests and the
    contract have it) handed to the page's own event handler: the virtual reader cannot be
    unplugged, the recorded one in test_reader_hotplug.py has no kiosk page."""
    sign_in(browser, daemon, lang)
    click(browser, "start")
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null")
    deliver = ("return import('/js/app.js').then((m) => { m.app.onEvent('device_health', {type: 'device_health', device: "
               "{id: 'virtual_image/0', kind: 'fingerprint_reader', name: 'Virtual image device', driver: 'virtual_image', health: arguments[0]}}); return true; })")
    browser.execute_script(deliver.replace("arguments[0]", "'removed'"))
    wait_for(browser, f"const n = document.getElementById('notice'); return n && n.innerText.includes('{unplugged}')", message="the device problem")
    screenshot(browser, f"staffed-{lang}-device-unplugged", sizes=["1280x800"])
    browser.execute_script(deliver.replace("arguments[0]", "'ready'"))
    wait_for(browser, f"const n = document.getElementById('notice'); return n && n.innerText.includes('{back}')", message="the device back")
    abort(browser, "NO-DETAILS-GIVEN")
