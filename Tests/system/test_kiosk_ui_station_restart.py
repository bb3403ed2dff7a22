"""A signed-in self-service station page in a real browser (Debian's chromium, headless,
selenium) while the real daemon restarts under it: stopped (SIGTERM, as systemd does) the
page says why the enrollment ended and its welcome screen starts the next one; killed
(SIGKILL: the watchdog, a crash) the page finds the session gone when its step's time is up
and goes back to its welcome screen. Either way no one signs the station in again, and
nothing of the person stays on the page. A staff page, whose login ends with the daemon,
goes to its sign-in screen instead."""

import json
import signal

import pytest
from kiosk_ui_support import KIOSK, Daemon
from test_kiosk_ui_flows import browser, click, wait_for  # noqa: F401 (browser is a fixture)

STATION_TOKEN = "kiosk-ui-restart-station-token-0123"
OPERATOR = ("op.restart", "1357")
REFERENCE = "RESTART-REF-5521"
# A short step time, so a killed daemon's session is found gone soon after it comes back.
ACCESS = (
    f"access: {{station_token: \"{STATION_TOKEN}\", pin_iterations: 1000}}\n"
    "session: {fingers: [right_index], step_timeout_seconds: 20}\n"
)


@pytest.fixture
def daemon(tmp_path):
    d = Daemon(tmp_path, access=ACCESS)
    yield d
    d.stop()


def start_again(daemon, stop_signal):
    """Stops enrolld with `stop_signal` and starts it on the same configuration and port."""
    daemon.process.send_signal(stop_signal)
    daemon.process.wait(timeout=30)
    daemon.start()


def into_a_session(driver, daemon):
    """Signs the station in, starts an enrollment and gives the person's details: the page
    is on the finger step, the reader waiting."""
    driver.get(daemon.url + "/?mode=station")
    wait_for(driver, "return document.getElementById('setup-title') !== null")
    driver.find_element("id", "station-token").send_keys(STATION_TOKEN)
    click(driver, "station-submit")
    wait_for(driver, "return document.getElementById('welcome-title') !== null", message="the welcome screen")
    to_the_finger_step(driver)


def to_the_finger_step(driver):
    """From the station's welcome or the staff home: start, consent, details, finger step."""
    click(driver, "start")
    wait_for(driver, "return document.querySelector('[data-step=consent]') !== null", message="consent")
    click(driver, "consent-yes")
    wait_for(driver, "return document.getElementById('field-reference') !== null", message="the details form")
    driver.find_element("id", "field-reference").send_keys(REFERENCE)
    click(driver, "subject-next")
    wait_for(driver, "return document.querySelector('[data-step=finger]') !== null", message="the finger step")


def starts_again(driver):
    """The welcome screen, nothing of the last person, and its start opens a new session."""
    wait_for(driver, "return document.getElementById('welcome-title') !== null", timeout=90, message="the welcome screen")
    assert REFERENCE not in driver.page_source
    assert driver.execute_script("return document.getElementById('setup-title') === null")
    click(driver, "start")
    wait_for(driver, "return document.querySelector('[data-step=consent]') !== null", message="a new session's consent")


def test_a_stopped_daemon_says_why_and_the_station_goes_on(browser, daemon):
    into_a_session(browser, daemon)
    start_again(daemon, signal.SIGTERM)
    # The stream told the page before the daemon went: the end screen with the reason.
    wait_for(browser, "return document.getElementById('aborted') !== null", message="the end screen")
    reason = browser.execute_script("return document.querySelector('#aborted .lead').textContent")
    catalog = json.loads((KIOSK / "i18n" / "fa.json").read_text())
    assert reason == catalog["aborted.reason.daemon_stopping"]
    click(browser, "next")
    starts_again(browser)


def test_a_killed_daemon_leaves_the_page_at_its_welcome_screen(browser, daemon):
    into_a_session(browser, daemon)
    start_again(daemon, signal.SIGKILL)
    # No end event this time: the step's deadline passes, the page asks, the daemon no
    # longer knows the session (404), and the page starts over without signing in.
    starts_again(browser)


def test_a_staff_page_whose_login_ended_with_the_daemon_goes_to_its_sign_in(browser, daemon):
    daemon.add_operator(OPERATOR, "operator")
    browser.get(daemon.url + "/")
    wait_for(browser, "return document.getElementById('login-title') !== null")
    browser.find_element("id", "operator-id").send_keys(OPERATOR[0])
    browser.find_element("id", "pin").send_keys(OPERATOR[1])
    click(browser, "login-submit")
    wait_for(browser, "return document.getElementById('home-title') !== null", message="the home screen")
    to_the_finger_step(browser)
    start_again(daemon, signal.SIGKILL)
    # Staff logins are not kept: when the step's time is up the page's check answers 401,
    # and the page shows the staff sign-in with nothing of the session.
    wait_for(browser, "return document.getElementById('login-title') !== null", timeout=90, message="the sign-in screen")
    assert REFERENCE not in browser.page_source
    assert browser.execute_script("return document.querySelector('[data-step]') === null")
