"""The main controls of each step are in view without scrolling, at the kiosk sizes a
reviewer walked (1280x800, 1024x600, 800x1280, and 1280x800 at 150 % zoom), in a real
browser against the real daemon: the consent answers (with a cue while the text goes on
below them), the finger's Scan button, the face's preview and "Take the photo", and the
exception dialog's "Record the reason". Scroll bars are hidden, as on the kiosk."""

import time

import pytest
from kiosk_browser import KIOSK_SIZES, console_errors, fully_in_view, screenshot, set_viewport
from kiosk_ui_support import Daemon
from test_kiosk_ui_flows import (  # noqa: F401 (browser is a fixture)
    OPERATOR, STATION_TOKEN, SUPERVISOR, browser, click, set_language, sign_in, start_at_station, type_into, wait_for)

ACCESS = (
    f"access: {{station_token: \"{STATION_TOKEN}\", pin_iterations: 1000}}\n"
    "session: {fingers: [right_index], duplicate_check: false, step_timeout_seconds: 300}\n"
)


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = Daemon(tmp_path_factory.mktemp("kiosk-layout"), access=ACCESS)
    for account, role in ((OPERATOR, "operator"), (SUPERVISOR, "supervisor")):
        d.add_operator(account, role)
    yield d
    assert d.stop() == 0


def in_view_at_every_size(browser, ids, sizes=KIOSK_SIZES, name=None):
    problems = []
    for size in sizes:
        set_viewport(browser, size)
        time.sleep(0.2)  # one layout pass at the new size
        for element_id in ids:
            seen, box = fully_in_view(browser, element_id)
            if not seen:
                problems.append((size, element_id, box))
        if name:
            screenshot(browser, f"{name}", sizes=[size])
    set_viewport(browser, "1280x800")
    assert problems == [], problems


def cancel(browser):
    click(browser, "abort")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null", message="the cancelled screen")


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_staff_sign_in_fits_without_scrolling(browser, daemon, lang):
    """The id, the PIN, the whole keypad and the sign-in button: a reviewer found the keypad
    below the fold at 1024x600 and at 150 %, where staff had to scroll to type the PIN."""
    browser.get(daemon.url + "/")
    wait_for(browser, "return document.getElementById('login-title') !== null")
    set_language(browser, lang)
    in_view_at_every_size(browser, ["operator-id", "pin", "login-keypad", "login-submit"], name=f"layout-login-{lang}")
    assert console_errors(browser) == []


@pytest.mark.parametrize("mode, lang", [("staffed", "en"), ("station", "fa")])
def test_the_consent_answers_are_always_in_view(browser, daemon, mode, lang):
    if mode == "station":
        start_at_station(browser, daemon, lang)
        answers = ["consent-yes", "consent-no"]
    else:
        sign_in(browser, daemon, lang)
        click(browser, "start")
        wait_for(browser, "return document.querySelector('[data-step=consent]') !== null", message="the consent")
        answers = ["consent-yes", "consent-guardian", "consent-no"]
    in_view_at_every_size(browser, answers, name=f"layout-{mode}-{lang}-consent")
    # The text goes on below the buttons at 1024x600: the cue says so, and goes once read.
    set_viewport(browser, "1024x600")
    time.sleep(0.2)
    browser.execute_script("window.scrollTo(0, 0); window.dispatchEvent(new Event('scroll'))")
    wait_for(browser, "return !document.getElementById('consent-more').hidden", message="the cue that more text follows")
    assert fully_in_view(browser, "consent-more")[0]
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    wait_for(browser, "return document.getElementById('consent-more').hidden", message="the cue to go at the end of the text")
    set_viewport(browser, "1280x800")
    # Only the version for the person; the digest is for staff.
    assert "·" not in browser.find_element("id", "consent-version").text
    click(browser, "consent-no")
    wait_for(browser, "return document.getElementById('aborted') !== null", message="the declined screen")
    assert console_errors(browser) == []


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_finger_and_face_steps_keep_their_button_and_preview_in_view(browser, daemon, lang):
    sign_in(browser, daemon, lang)
    click(browser, "start")
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null", message="the consent")
    click(browser, "consent-yes")
    wait_for(browser, "return document.querySelector('[data-step=subject]') !== null", message="the details")
    type_into(browser, "field-reference", f"LAYOUT-{lang}")
    click(browser, "subject-next")
    wait_for(browser, "return document.querySelector('[data-step=finger]') !== null", message="the finger")
    in_view_at_every_size(browser, ["scan"], name=f"layout-staffed-{lang}-finger")

    # The exception dialog's answer, with the supervisor's fields above it.
    click(browser, "finger-exception")
    wait_for(browser, "return document.getElementById('exception-dialog') !== null", message="the exception dialog")
    in_view_at_every_size(browser, ["exception-submit", "exception-cancel"], name=f"layout-staffed-{lang}-exception")
    click(browser, "exception-cancel")

    click(browser, "scan")
    wait_for(browser, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'",
             message="the reader to wait")
    daemon.present_finger(1)
    wait_for(browser, "return document.querySelector('[data-step=face]') !== null", timeout=90, message="the face")
    wait_for(browser, "const i = document.getElementById('preview-image'); return i && !i.hidden && i.naturalWidth > 0",
             message="the live preview")
    in_view_at_every_size(browser, ["take-photo", "preview"], name=f"layout-staffed-{lang}-face")
    cancel(browser)
    assert console_errors(browser) == []


def test_a_stations_finger_and_face_steps_keep_their_controls_in_view(browser, daemon):
    """At a station the reader starts by itself: the person needs the status and the way
    out in view at the finger, the preview and the button at the face."""
    start_at_station(browser, daemon, "fa")
    click(browser, "consent-yes")
    wait_for(browser, "return document.getElementById('field-reference') !== null", message="the details")
    type_into(browser, "field-reference", "LAYOUT-STATION")
    click(browser, "subject-next")
    wait_for(browser, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'",
             message="the station's reader to wait")
    in_view_at_every_size(browser, ["finger-status", "finger-exception"], name="layout-station-fa-finger")
    daemon.present_finger(1)
    wait_for(browser, "return document.querySelector('[data-step=face]') !== null", timeout=90, message="the face")
    wait_for(browser, "const i = document.getElementById('preview-image'); return i && !i.hidden && i.naturalWidth > 0",
             message="the live preview")
    in_view_at_every_size(browser, ["take-photo", "preview"], name="layout-station-fa-face")
    cancel(browser)
    assert console_errors(browser) == []
