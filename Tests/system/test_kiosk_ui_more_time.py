"""The step countdown in a real browser (Debian's chromium, headless, selenium) against the
real daemon: staff see "More time" in the banner when a step is about to time out, and it
starts the step's wait again; a self-service station gets the warning without the button,
and its step still times out."""

import pytest
from kiosk_ui_support import Daemon
from test_kiosk_ui_flows import browser, click, set_language, wait_for  # noqa: F401 (browser is a fixture)

STATION_TOKEN = "kiosk-ui-more-time-station-token-0"
OPERATOR = ("op.more", "1357")
# 24 s per step: the 20 s warning shows within a few seconds.
ACCESS = (
    f"access: {{station_token: \"{STATION_TOKEN}\", pin_iterations: 1000}}\n"
    "session: {fingers: [right_index], step_timeout_seconds: 24}\n"
)
BANNER = "const b = document.getElementById('banner'); return !b.hidden && b.innerText"
MORE = "const m = document.getElementById('more-time'); return !!m && !m.hidden && m.offsetParent !== null"


@pytest.fixture
def daemon(tmp_path):
    d = Daemon(tmp_path, access=ACCESS)
    added = d.enrollctl("operators", "add", OPERATOR[0], "--role", "operator", "--pin-stdin", input=OPERATOR[1] + "\n")
    assert added.returncode == 0, added.stderr
    yield d
    d.stop()


def deadline(driver):
    return driver.execute_async_script(
        "const done = arguments[0]; fetch('/v1/sessions/current').then((r) => r.json())"
        ".then((s) => done(s.deadline_seconds), () => done(null));")


@pytest.mark.parametrize("lang, words", [("en", "More time"), ("fa", "زمان بیشتر")])
def test_staff_can_ask_for_more_time(browser, daemon, lang, words):
    browser.get(daemon.url + "/")
    wait_for(browser, "return document.getElementById('login-title') !== null")
    set_language(browser, lang)
    browser.find_element("id", "operator-id").send_keys(OPERATOR[0])
    browser.find_element("id", "pin").send_keys(OPERATOR[1])
    click(browser, "login-submit")
    wait_for(browser, "return document.getElementById('home-title') !== null", message="the home screen")
    click(browser, "start")
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null", message="consent")
    wait_for(browser, MORE, timeout=30, message="the More time button")
    assert browser.find_element("id", "more-time").text == words
    before = deadline(browser)
    assert before is not None and before <= 20, before
    click(browser, "more-time")
    # The step's wait started again: past the warning, so the banner goes away.
    wait_for(browser, "return document.getElementById('banner').hidden", timeout=10, message="the banner to go")
    after = deadline(browser)
    assert after is not None and after > 20, after
    assert browser.execute_script("return document.querySelector('[data-step=consent]') !== null")


def test_a_station_gets_the_warning_but_no_more_time(browser, daemon):
    browser.get(daemon.url + "/?mode=station")
    wait_for(browser, "return document.getElementById('setup-title') !== null")
    browser.find_element("id", "station-token").send_keys(STATION_TOKEN)
    click(browser, "station-submit")
    wait_for(browser, "return document.getElementById('welcome-title') !== null", message="the welcome screen")
    # The welcome screen redraws as it asks whether a session would start: click in the
    # page, in one step, rather than through an element found a moment before.
    wait_for(browser, "const b = document.getElementById('start'); return !!b && !b.disabled && (b.click(), true)",
             message="Start")
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null", message="consent")
    wait_for(browser, BANNER, timeout=30, message="the warning")
    assert browser.find_element("id", "more-time").is_displayed() is False
    # Nobody there: the step times out and the station is back at its welcome screen.
    wait_for(browser, "return document.getElementById('welcome-title') !== null", timeout=90, message="the welcome screen again")
