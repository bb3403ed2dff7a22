"""What each step says, and where the keyboard is, in a real browser against the real
daemon (virtual reader and camera): a success of the last step is heard, not left on the
next step's screen; the face step gives one instruction at a time and no score beside a
refusal; keyboard focus goes to the status, never to the page's body, when Scan or Take the
photo disables itself; a station's details screen explains itself and says clearly what is
missing."""

import json

import pytest
from kiosk_browser import console_errors, screenshot
from kiosk_ui_support import KIOSK, Daemon
from test_kiosk_ui_flows import (  # noqa: F401 (browser is a fixture)
    OPERATOR, STATION_TOKEN, browser, click, sign_in, start_at_station, type_into, wait_for)

WORDS = {lang: json.loads((KIOSK / "i18n" / f"{lang}.json").read_text(encoding="utf-8")) for lang in ("fa", "en")}
ACCESS = (
    f"access: {{station_token: \"{STATION_TOKEN}\", pin_iterations: 1000}}\n"
    "session: {fingers: [right_index], duplicate_check: false, step_timeout_seconds: 300}\n"
)
FOCUSED = "const a = document.activeElement; return a ? (a.id || a.tagName) : null"


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = Daemon(tmp_path_factory.mktemp("kiosk-step-feedback"), access=ACCESS)
    d.add_operator(OPERATOR, "operator")
    yield d
    assert d.stop() == 0


def no_notice(driver):
    return driver.execute_script("return document.getElementById('notice') === null")


def test_feedback_and_focus_through_a_staffed_enrollment(browser, daemon):
    sign_in(browser, daemon, "en")
    click(browser, "start")
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null", message="the consent")
    click(browser, "consent-yes")
    wait_for(browser, "return document.querySelector('[data-step=subject]') !== null", message="the details")
    type_into(browser, "field-reference", "FEEDBACK-1")
    click(browser, "subject-next")
    wait_for(browser, "return document.querySelector('[data-step=finger]') !== null", message="the finger")

    # Scan by keyboard: the button disables itself while the reader waits; focus goes to
    # the status it shows.
    browser.find_element("id", "scan").send_keys("\n")
    wait_for(browser, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'",
             message="the reader to wait")
    assert browser.execute_script(FOCUSED) == "finger-status"
    # A device that goes away meanwhile: staff are told what to check, not to call staff.
    browser.execute_script("return import('/js/app.js').then((m) => { m.app.onEvent('device_health', "
                           "{device: {kind: 'camera', health: 'removed'}}); return true; })")
    expected = WORDS["en"]["device.problem_staff"].format(device=WORDS["en"]["device.camera"], health=WORDS["en"]["device.health.removed"])
    assert browser.find_element("id", "notice").text == expected
    daemon.present_finger(1)
    wait_for(browser, "return document.querySelector('[data-step=face]') !== null", timeout=90, message="the face")

    # The finger's success is heard, not shown on the face screen.
    assert no_notice(browser), browser.find_element("id", "notice").text
    assert WORDS["en"]["finger.accepted"] in browser.find_element("id", "announce").get_attribute("textContent")

    # Contradicting checks from the camera: one instruction, the most useful.
    browser.execute_script("return import('/js/app.js').then((m) => { m.app.onEvent('face_feedback', {quality: "
                           "{assessed: true, acceptable: false, score: 40, feedback: ['camera_too_low', 'eye_distance']}}); return true; })")
    checks = browser.execute_script("return [...document.querySelectorAll('#checks li')].map((l) => l.dataset.check)")
    assert checks == ["eye_distance"], checks
    # A refused photo whose figure passes the threshold: no figure beside the refusal.
    browser.execute_script("return import('/js/app.js').then((m) => { m.app.live.outcome = 'rejected'; m.app.live.quality = "
                           "{assessed: true, acceptable: false, score: 60, feedback: ['background', 'sharpness']}; m.app.update(); return true; })")
    assert browser.find_element("id", "face-live").text == WORDS["en"]["face.rejected"]
    assert browser.find_elements("id", "quality") == []
    assert "60" not in browser.find_element("id", "face-status").text
    checks = browser.execute_script("return [...document.querySelectorAll('#checks li')].map((l) => l.dataset.check)")
    assert checks == ["sharpness"], checks
    screenshot(browser, "face-one-instruction-en", sizes=["1280x800"])

    # Take the photo by keyboard: focus is not left on the page's body.
    browser.execute_script("return import('/js/app.js').then((m) => { m.app.live.outcome = null; m.app.live.quality = null; m.app.update(); return true; })")
    browser.find_element("id", "take-photo").send_keys("\n")
    wait_for(browser, "return document.querySelector('[data-step=review]') !== null", timeout=60, message="the review")
    assert browser.execute_script(FOCUSED) != "BODY"
    assert no_notice(browser), browser.find_element("id", "notice").text
    assert WORDS["en"]["face.accepted"] in browser.find_element("id", "announce").get_attribute("textContent")
    click(browser, "abort")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null", message="the cancelled screen")
    assert console_errors(browser) == []


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_stations_details_screen_explains_itself_and_its_error(browser, daemon, lang):
    start_at_station(browser, daemon, lang)
    click(browser, "consent-yes")
    wait_for(browser, "return document.getElementById('field-reference') !== null", message="the details")
    assert browser.find_element("id", "subject-intro").text == WORDS[lang]["subject.intro_station"]
    click(browser, "subject-next")
    error = browser.find_element("id", "field-reference-error")
    wait_for(browser, "return document.getElementById('field-reference-error').textContent.length > 0", message="the error")
    assert error.text == WORDS[lang]["subject.required"]
    # As large as the label and in the refusal colour, not a muted footnote.
    size, colour = browser.execute_script(
        "const s = getComputedStyle(document.getElementById('field-reference-error')); return [parseFloat(s.fontSize), s.color]")
    label = browser.execute_script("return parseFloat(getComputedStyle(document.querySelector('label[for=field-reference]')).fontSize)")
    assert size >= label and colour == "rgb(255, 138, 128)", (size, label, colour)
    assert browser.execute_script(FOCUSED) == "field-reference"
    screenshot(browser, f"station-details-error-{lang}", sizes=["1280x800"])
    click(browser, "abort")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null", message="the cancelled screen")
    assert console_errors(browser) == []


def test_the_guardian_answer_is_not_called_supervisor_in_persian(browser, daemon):
    sign_in(browser, daemon, "fa")
    click(browser, "start")
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null", message="the consent")
    answer = browser.find_element("id", "consent-guardian").text
    assert answer == WORDS["fa"]["consent.guardian"] and "سرپرست" not in answer and "قیم" in answer, answer
    click(browser, "consent-no")
    wait_for(browser, "return document.getElementById('aborted') !== null", message="the declined screen")
