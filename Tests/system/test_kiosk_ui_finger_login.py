"""Fingerprint sign-in through the kiosk UI in a real browser (Debian's chromium, headless,
selenium) against the real daemon and libfprint's virtual_image reader: an operator whose
finger a technician enrolled touches the reader and is signed in, in Persian and in
English; a stranger's finger gets the plain refusal in the page's language; a reload keeps
the sign-in. Screens are saved like the other UI tests."""

import threading

import pytest
from finger_presenting import keep_presenting
from kiosk_browser import console_errors, screenshot, start_browser, stored_state
from kiosk_ui_support import Daemon

OPERATOR = ("op.finger", "1357")
FINGER = 7        # the operator's synthetic finger
STRANGER = 12
ACCESS = "access: {pin_iterations: 1000, lockout_after: 5}\n"


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = Daemon(tmp_path_factory.mktemp("kiosk-finger-login"), access=ACCESS)
    d.add_operator(OPERATOR, "operator")
    enroll_operator_finger(d)
    yield d
    assert d.stop() == 0


def enroll_operator_finger(daemon):
    """What a technician does once per operator: `enrollctl operators enroll-finger`, while
    the operator touches the reader with new impressions of one finger."""
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault(
        "enrolled", daemon.enrollctl("operators", "enroll-finger", OPERATOR[0], timeout=300)))
    thread.start()
    keep_presenting(daemon.enrollctl, lambda: not thread.is_alive(), FINGER)
    thread.join()
    assert result["enrolled"].returncode == 0, result["enrolled"].stderr


@pytest.fixture
def browser():
    driver = start_browser("1280x800")
    yield driver
    driver.quit()


def wait_for(driver, script, timeout=60):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: d.execute_script(script))


def open_login(driver, daemon, lang):
    driver.get(daemon.url + "/")
    wait_for(driver, "return document.getElementById('login-title') !== null")
    if lang == "en":
        driver.find_element("id", "lang").click()
        wait_for(driver, "return document.documentElement.lang === 'en'")


def touch(daemon, finger, impression):
    daemon.present_finger(synthetic=f"{finger}:{impression}", timeout=60)


@pytest.mark.parametrize("lang, impression", [("fa", 60), ("en", 61)])
def test_an_enrolled_operator_signs_in_with_a_touch(browser, daemon, lang, impression):
    open_login(browser, daemon, lang)
    browser.find_element("id", "login-finger").click()
    # The page asks for the finger while the reader waits.
    wait_for(browser, "return document.getElementById('notice') !== null || document.body.innerText.length > 0")
    screenshot(browser, f"finger-login-{lang}-waiting")
    touch(daemon, FINGER, impression)
    wait_for(browser, "return document.getElementById('home-title') !== null")
    assert OPERATOR[0] in browser.find_element("id", "signed-in").text
    screenshot(browser, f"finger-login-{lang}-home")

    # A reload keeps the sign-in: the page gets its CSRF token back and can start a session.
    browser.refresh()
    wait_for(browser, "return document.getElementById('home-title') !== null")
    # Start is on once the daemon has said a session would start.
    wait_for(browser, "const e = document.getElementById('start'); return e && !e.disabled")
    browser.find_element("id", "start").click()
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null")
    browser.find_element("id", "abort").click()
    wait_for(browser, "return document.getElementById('abort-yes') !== null")
    browser.find_element("id", "abort-yes").click()
    wait_for(browser, "return document.querySelector('[data-step=consent]') === null")
    state = stored_state(browser)
    assert state["local"] == 0 and state["session"] == 0, state
    assert console_errors(browser) == []


@pytest.mark.parametrize("lang, words", [("fa", "درست نبود"), ("en", "did not match")])
def test_a_strangers_finger_is_refused_in_the_pages_language(browser, daemon, lang, words):
    open_login(browser, daemon, lang)
    browser.find_element("id", "login-finger").click()
    touch(daemon, STRANGER, 0)
    wait_for(browser, "return document.getElementById('notice') !== null && document.getElementById('notice').innerText.trim() !== ''")
    assert words in browser.find_element("id", "notice").text
    assert browser.find_elements("id", "home-title") == []
    screenshot(browser, f"finger-login-{lang}-refused")
    assert browser.get_cookies() == []
    assert console_errors(browser, allowed=["/v1/auth/login"]) == []


@pytest.mark.parametrize("lang, words", [("fa", "رمز خود را وارد کنید"), ("en", "Type your PIN")])
def test_the_person_can_stop_waiting_and_use_the_pin(browser, daemon, lang, words):
    open_login(browser, daemon, lang)
    browser.find_element("id", "login-finger").click()
    wait_for(browser, "const b = document.getElementById('login-finger-cancel'); return b && !b.hidden")
    screenshot(browser, f"finger-login-{lang}-stop-offered")
    browser.find_element("id", "login-finger-cancel").click()
    wait_for(browser, "const n = document.getElementById('notice'); return n && n.innerText.trim() !== ''")
    assert words in browser.find_element("id", "notice").text
    wait_for(browser, "return !document.getElementById('login-submit').disabled && document.getElementById('login-finger-cancel').hidden")
    browser.find_element("id", "operator-id").send_keys(OPERATOR[0])
    browser.find_element("id", "pin").send_keys(OPERATOR[1])
    browser.find_element("id", "login-submit").click()
    wait_for(browser, "return document.getElementById('home-title') !== null")
    assert console_errors(browser, allowed=["/v1/auth/login"]) == []
