"""The kiosk page never traps a person, in a real browser (Debian's chromium, headless,
selenium) against the real daemon: "Cancel" and "I prefer not to" work while the reader
waits for a finger (staffed after Scan, and at a self-service station whose reader starts
by itself), a station that cannot enroll says "out of service" instead of inviting people
in, and the API's refusals are said in the page's language."""

import json

import pytest
from kiosk_browser import console_errors, screenshot, stored_state
from kiosk_ui_support import KIOSK, Daemon
from test_kiosk_ui_flows import (  # noqa: F401 (browser is a fixture)
    ACCESS, OPERATOR, STATION_TOKEN, SUPERVISOR, browser, click, set_language, sign_in, type_into, wait_for)

CATALOGS = {lang: json.loads((KIOSK / "i18n" / f"{lang}.json").read_text(encoding="utf-8")) for lang in ("fa", "en")}
# The capture that was waiting answers 409 (cancelled, or finished with its session) and a
# start without a reader 503: expected answers, each shown by Chromium as a console error.
CALLED_OFF = "/finger - Failed to load resource: the server responded with a status of 409"
NO_READER = "/v1/sessions - Failed to load resource: the server responded with a status of 503"
# Where to go when the station cannot help (kiosk.contact_text).
CONTACT = {"fa": "میز ۳، طبقهٔ همکف", "en": "Desk 3, ground floor"}


def add_staff(daemon):
    for account, role in ((OPERATOR, "operator"), (SUPERVISOR, "supervisor")):
        daemon.add_operator(account, role)


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = Daemon(tmp_path_factory.mktemp("kiosk-decline"), access=ACCESS)
    add_staff(d)
    yield d
    assert d.stop() == 0


@pytest.fixture(scope="module")
def no_reader(tmp_path_factory):
    """A kiosk whose policy needs fingers and which has no fingerprint reader."""
    d = Daemon(tmp_path_factory.mktemp("kiosk-no-reader"), access=ACCESS, reader=False,
               extra=f"kiosk: {{contact_text: {{fa: \"{CONTACT['fa']}\", en: \"{CONTACT['en']}\"}}}}\n")
    add_staff(d)
    yield d
    assert d.stop() == 0


def station_sign_in(driver, daemon, lang):
    driver.get(daemon.url + "/?mode=station")
    wait_for(driver, "return document.getElementById('setup-title') !== null")
    type_into(driver, "station-token", STATION_TOKEN)
    click(driver, "station-submit")
    wait_for(driver, "return document.getElementById('welcome-title') !== null || document.getElementById('out-of-service') !== null",
             message="the welcome screen")
    set_language(driver, lang)


def reach_a_waiting_reader(driver, daemon, mode, lang, reference):
    """Through consent and details to the first finger, with the reader waiting for it
    (staffed: after Scan; station: by itself)."""
    if mode == "staffed":
        sign_in(driver, daemon, lang)
    else:
        station_sign_in(driver, daemon, lang)
    click(driver, "start")
    wait_for(driver, "return document.querySelector('[data-step=consent]') !== null", message="the consent screen")
    click(driver, "consent-yes")
    following = wait_for(driver, "const s = document.querySelector('[data-step]'); return s && s.dataset.step !== 'consent' && s.dataset.step")
    if following == "subject":
        wait_for(driver, "return document.getElementById('field-reference') !== null")
        type_into(driver, "field-reference", reference)
        click(driver, "subject-next")
    wait_for(driver, "return document.querySelector('[data-step=finger]') !== null", message="the first finger")
    if mode == "staffed":
        click(driver, "scan")
    wait_for(driver, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'",
             message="the reader to wait for the finger")
    return driver.execute_script("return document.querySelector('#finger-list li.current').dataset.finger")


def capture_settled(driver):
    """True once the page's capture request has had its answer (the 409 after a call-off)."""
    return driver.execute_script("return import('/js/app.js').then((m) => m.app.fingerCapture === null && !m.app.busy)")


def no_error_shown(driver):
    return driver.execute_script("const n = document.getElementById('notice'); return !n || !n.classList.contains('error')")


@pytest.mark.parametrize("mode, lang", [("staffed", "fa"), ("staffed", "en"), ("station", "fa"), ("station", "en")])
def test_cancel_while_the_reader_waits_ends_the_session(browser, daemon, mode, lang):
    reference = f"CANCEL-{mode}-{lang}-7"
    reach_a_waiting_reader(browser, daemon, mode, lang, reference)
    click(browser, "abort")
    wait_for(browser, "return document.getElementById('abort-yes') !== null")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null", message="the aborted screen")
    # The capture that was waiting has answered since; it neither showed an error nor
    # brought the finger screen back.
    wait_for(browser, "return import('/js/app.js').then((m) => m.app.fingerCapture === null)", message="the capture's answer")
    assert browser.find_element("id", "aborted").is_displayed()
    assert browser.execute_script("return document.querySelector('[data-step]') === null")
    assert no_error_shown(browser)
    screenshot(browser, f"{mode}-{lang}-cancel-while-waiting", sizes=["1280x800"])
    state = stored_state(browser)
    assert state["local"] == 0 and state["session"] == 0 and state["databases"] == [], state
    assert reference not in browser.page_source
    assert console_errors(browser, [CALLED_OFF]) == []
    # The daemon's session is gone too, not only the page's.
    assert browser.execute_script("return fetch('/v1/sessions/current', {cache: 'no-store'}).then((r) => r.status)") == 404


@pytest.mark.parametrize("mode, lang", [("staffed", "fa"), ("staffed", "en"), ("station", "fa"), ("station", "en")])
def test_declining_while_the_reader_waits_records_the_exception(browser, daemon, mode, lang):
    reference = f"DECLINE-{mode}-{lang}-3"
    finger = reach_a_waiting_reader(browser, daemon, mode, lang, reference)
    click(browser, "finger-exception")
    wait_for(browser, "return document.getElementById('exception-dialog') !== null", message="the exception dialog")
    assert capture_settled(browser), "the dialog opened before the reader stopped waiting"
    assert no_error_shown(browser)
    if mode == "staffed":
        browser.find_element("css selector", "#exception-dialog input[value='declined']").click()
        type_into(browser, "supervisor-id", SUPERVISOR[0])
        type_into(browser, "supervisor-pin", SUPERVISOR[1])
    else:
        assert browser.find_element("css selector", "#exception-dialog input[value='declined']").is_selected()
    screenshot(browser, f"{mode}-{lang}-decline-while-waiting", sizes=["1280x800"])
    click(browser, "exception-submit")
    wait_for(browser, f"const l = document.querySelector('#finger-list li[data-finger={finger}]'); "
                      "return l && l.dataset.state === 'exception'", message="the exception to be recorded")
    wait_for(browser, f"const l = document.querySelector('#finger-list li.current'); return l && l.dataset.finger !== '{finger}'",
             message="the next finger")
    if mode == "station":
        # The station starts the reader by itself again for the next finger.
        wait_for(browser, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'",
                 message="the reader to wait for the next finger")
    assert no_error_shown(browser)
    click(browser, "abort")
    wait_for(browser, "return document.getElementById('abort-yes') !== null")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null", message="the aborted screen")
    assert reference not in browser.page_source
    assert console_errors(browser, [CALLED_OFF]) == []


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_station_without_a_reader_is_out_of_service(browser, no_reader, lang):
    station_sign_in(browser, no_reader, lang)
    wait_for(browser, "return document.getElementById('out-of-service') !== null", message="the out-of-service screen")
    screen = browser.find_element("id", "out-of-service")
    assert screen.get_attribute("data-reason") == "no_device"
    assert browser.find_elements("id", "start") == []
    assert CATALOGS[lang]["station.out_of_service_text"] in screen.text
    # "Ask a staff member" says where, from the admission answer (no session exists).
    wait_for(browser, "return document.getElementById('contact-text') !== null", message="the contact line")
    assert browser.find_element("id", "contact-text").text == CONTACT[lang]
    # The technical reason only for staff, closed: the person sees calm words.
    detail = browser.find_element("id", "staff-detail")
    assert detail.get_attribute("open") is None
    assert "no_device" not in screen.text
    screenshot(browser, f"station-{lang}-out-of-service")
    browser.find_element("css selector", "#staff-detail summary").click()
    assert "no_device" in browser.find_element("id", "staff-reason").text
    screenshot(browser, f"station-{lang}-out-of-service-staff", sizes=["1280x800"])
    assert console_errors(browser) == []


def test_the_station_goes_back_to_start_when_it_can_enroll_again(browser, no_reader):
    """The welcome screen's own polling: the daemon's answer is replaced in the page (a
    reader cannot be plugged into this machine), then the real answer is restored."""
    station_sign_in(browser, no_reader, "fa")
    wait_for(browser, "return document.getElementById('out-of-service') !== null", message="the out-of-service screen")
    browser.execute_script("return import('/js/api.js').then((m) => { window.realAdmission = m.api.admission; "
                           "m.api.admission = async () => ({ accepting: true }); return true; })")
    wait_for(browser, "return document.getElementById('welcome-title') !== null && document.getElementById('start') !== null",
             timeout=20, message="Start to come back")
    browser.execute_script("return import('/js/api.js').then((m) => { m.api.admission = window.realAdmission; return true; })")
    wait_for(browser, "return document.getElementById('out-of-service') !== null", timeout=20, message="out of service again")
    assert console_errors(browser) == []


@pytest.fixture(scope="module")
def no_camera(tmp_path_factory):
    """A kiosk whose policy needs the face and which has no camera."""
    d = Daemon(tmp_path_factory.mktemp("kiosk-no-camera"), access=ACCESS, camera=False)
    add_staff(d)
    yield d
    assert d.stop() == 0


@pytest.mark.parametrize("kiosk, device", [("no_reader", "fingerprint_reader"), ("no_camera", "camera")])
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_station_tells_staff_which_device_is_missing(browser, request, kiosk, device, lang):
    station_sign_in(browser, request.getfixturevalue(kiosk), lang)
    wait_for(browser, "return document.getElementById('staff-refusal') !== null", message="the out-of-service screen")
    words = CATALOGS[lang]["station.refusal.no_device"].replace("{devices}", CATALOGS[lang][f"device.{device}"])
    wait_for(browser, f"return document.getElementById('staff-refusal').textContent === {json.dumps(words)}",
             message=f"the staff detail to name the {device}")
    other = "camera" if device == "fingerprint_reader" else "fingerprint_reader"
    assert CATALOGS[lang][f"device.{other}"] not in browser.find_element("id", "staff-refusal").get_attribute("textContent")
    assert console_errors(browser) == []


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_staff_home_says_enrollments_are_paused_and_which_device_is_missing(browser, no_reader, lang):
    sign_in(browser, no_reader, lang)
    wait_for(browser, "const q = document.getElementById('queue'); return q && q.dataset.reason === 'no_device'",
             message="the refusal on the home screen")
    assert browser.find_element("id", "home-title").text == CATALOGS[lang]["home.paused_title"]
    assert not browser.find_element("id", "start").is_enabled()
    # Every device an enrollment may use is listed, the missing reader as not found.
    lines = browser.execute_script(
        "return [...document.querySelectorAll('#devices li')].map((l) => [l.dataset.kind, l.dataset.health, l.textContent])")
    assert ["fingerprint_reader", "missing", f"{CATALOGS[lang]['device.fingerprint_reader']}: {CATALOGS[lang]['device.health.missing']}"] in lines
    assert any(kind == "camera" and health == "ready" for kind, health, _ in lines), lines
    reason = browser.find_element("id", "queue").text
    assert reason == CATALOGS[lang]["home.refusal.no_device"].replace("{devices}", CATALOGS[lang]["device.fingerprint_reader"])
    # The daemon's sentence only inside the closed technical detail.
    assert "policy" not in browser.find_element("id", "screen").text
    assert browser.find_element("id", "staff-detail").get_attribute("open") is None
    screenshot(browser, f"staffed-{lang}-home-no-reader", sizes=["1280x800"])
    assert console_errors(browser) == []


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_refused_start_is_said_in_the_pages_language(browser, no_reader, lang):
    sign_in(browser, no_reader, lang)
    wait_for(browser, "const q = document.getElementById('queue'); return q && q.dataset.reason === 'no_device'",
             message="the refusal on the home screen")
    # Start is off; a start that left just before the reader went is refused all the same.
    browser.execute_script("import('/js/app.js').then((m) => m.app.startSession())")
    wait_for(browser, "const n = document.getElementById('notice'); return n && n.innerText.trim().length > 0", message="the refusal")
    text = browser.find_element("id", "notice").text
    # The catalog's words for staff (not "call a staff member"), never the daemon's sentence.
    assert text == CATALOGS[lang]["error.no_device_staff"], text
    assert "policy" not in text
    screenshot(browser, f"staffed-{lang}-no-reader-refused", sizes=["1280x800"])
    assert console_errors(browser, [NO_READER]) == []
