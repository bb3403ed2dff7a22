"""The kiosk UI in a real browser (Debian's chromium, headless, through chromium-driver and
selenium) against the real daemon: Persian by default and right to left, the language
switch, the content security policy, touch targets, the keyboard, no console errors, and
nothing left in browser storage. Screenshots go to KIOSK_SCREENSHOTS (default
.build/artifacts/screenshots/). The full enrollments are in test_kiosk_ui_flows.py."""

import pytest
from kiosk_browser import console_errors, screenshot, start_browser, stored_state
from kiosk_ui_support import Daemon

# Both layouts the kiosk must work at; each test runs at both.
SIZES = ["1280x800", "1920x1080"]


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = Daemon(tmp_path_factory.mktemp("kiosk-browser"), keys=False)
    yield d
    assert d.stop() == 0


@pytest.fixture(params=SIZES)
def browser(request):
    driver = start_browser(request.param)
    driver.size = request.param
    yield driver
    driver.quit()


def wait_for(driver, script, timeout=20):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: d.execute_script(script))


def open_kiosk(driver, daemon, query=""):
    driver.get(daemon.url + "/" + query)
    wait_for(driver, "return document.querySelector('#login-title, #setup-title') !== null")


def test_persian_by_default_then_english_and_back(browser, daemon):
    open_kiosk(browser, daemon)
    root = browser.find_element("css selector", "html")
    assert root.get_attribute("lang") == "fa" and root.get_attribute("dir") == "rtl"
    title = browser.find_element("id", "login-title").text
    assert title == "ورود کارکنان"
    # Right to left for real: the heading's text starts at the right edge of its box.
    assert browser.execute_script("return getComputedStyle(document.getElementById('login-title')).direction") == "rtl"
    screenshot(browser, "staffed-login-fa", sizes=[browser.size])

    browser.find_element("id", "lang").click()
    wait_for(browser, "return document.documentElement.lang === 'en'")
    assert root.get_attribute("dir") == "ltr"
    assert browser.find_element("id", "login-title").text == "Staff sign-in"
    assert browser.find_element("id", "lang").text == "فارسی"
    screenshot(browser, "staffed-login-en", sizes=[browser.size])

    browser.find_element("id", "lang").click()
    wait_for(browser, "return document.documentElement.dir === 'rtl'")
    assert browser.find_element("id", "login-title").text == "ورود کارکنان"
    assert console_errors(browser) == []


def test_keypad_shows_persian_digits_and_types_ascii(browser, daemon):
    open_kiosk(browser, daemon)
    labels = [b.text for b in browser.find_elements("css selector", ".keypad [data-digit]")]
    assert labels[:3] == ["۱", "۲", "۳"], labels
    for digit in "4711":
        browser.find_element("css selector", f".keypad [data-digit='{digit}']").click()
    assert browser.find_element("id", "pin").get_attribute("value") == "4711"


def test_station_mode_asks_a_technician_for_the_station_key(browser, daemon):
    open_kiosk(browser, daemon, "?mode=station")
    assert browser.find_element("id", "setup-title").text == "راه‌اندازی این ایستگاه"
    assert "station" in browser.find_element("css selector", "body").get_attribute("class")
    screenshot(browser, "station-setup-fa", sizes=[browser.size])


def test_touch_targets_are_at_least_48_px(browser, daemon):
    for query in ("", "?mode=station"):
        open_kiosk(browser, daemon, query)
        small = browser.execute_script("""
            return [...document.querySelectorAll('button, input, select, textarea, a')]
              .filter((e) => e.offsetParent !== null)
              .map((e) => [e.id || e.textContent.trim(), e.getBoundingClientRect()])
              .filter(([, r]) => r.width < 48 || r.height < 48)
              .map(([name, r]) => `${name}: ${r.width}x${r.height}`);
        """)
        assert small == [], small


def test_nothing_overflows_the_screen(browser, daemon):
    for query in ("", "?mode=station"):
        open_kiosk(browser, daemon, query)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= int(browser.size.split("x")[0]), (query, width)


def test_keyboard_reaches_every_control_in_order(browser, daemon):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    open_kiosk(browser, daemon)
    seen = []
    for _ in range(20):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        seen.append(browser.execute_script("return document.activeElement.id || document.activeElement.textContent.trim()"))
    for control in ("lang", "operator-id", "pin", "login-submit", "login-finger"):
        assert control in seen, (control, seen)
    # The focus ring is visible: a keyboard user sees where they are.
    outline = browser.execute_script(
        "document.getElementById('pin').focus(); return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_inline_script_is_blocked_by_the_policy(browser, daemon):
    open_kiosk(browser, daemon)
    result = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const violations = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
        const script = document.createElement('script');
        script.textContent = 'window.injected = true;';
        document.body.append(script);
        const style = document.createElement('div');
        style.setAttribute('onclick', 'window.clicked = true');
        document.body.append(style);
        style.click();
        setTimeout(() => done({injected: window.injected === true, clicked: window.clicked === true, violations}), 300);
    """)
    assert result["injected"] is False and result["clicked"] is False
    assert any(v.startswith("script-src") for v in result["violations"]), result
    # A frame of the kiosk from another page is refused as well (frame-ancestors 'none').
    assert "frame-ancestors 'none'" in browser.execute_script(
        "return fetch('/').then((r) => r.headers.get('content-security-policy'))")


def test_a_failed_login_says_so_and_stores_nothing(browser, daemon):
    open_kiosk(browser, daemon)
    browser.find_element("id", "operator-id").send_keys("nobody")
    browser.find_element("id", "pin").send_keys("0000")
    browser.find_element("id", "login-submit").click()
    wait_for(browser, "return document.getElementById('notice') !== null")
    assert browser.find_element("id", "notice").text.strip()
    assert browser.find_element("id", "pin").get_attribute("value") == ""
    state = stored_state(browser)
    assert state["local"] == 0 and state["session"] == 0 and state["databases"] == [] and state["caches"] == []
    assert browser.get_cookies() == []
    # The refused login is the only error the console may show (the browser logs a 4xx).
    assert console_errors(browser, allowed=["/v1/auth/login"]) == []
