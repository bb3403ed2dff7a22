"""`session.station_more_time` in a real browser (Debian's chromium, headless, selenium)
against the real daemon: a station configured for no extensions shows the countdown warning
without "I am still here" and resets; one configured for one extension offers the button
once. The default (twice) is test_kiosk_ui_more_time.py."""

import pytest
from kiosk_ui_support import Daemon
from test_kiosk_ui_flows import browser, click, set_language, wait_for  # noqa: F401 (browser is a fixture)
from test_kiosk_ui_more_time import BANNER, MORE, session_schema_errors

STATION_TOKEN = "kiosk-ui-more-time-count-token-0"


def station_daemon(tmp_path, count):
    # 24 s per step: the 20 s warning shows within a few seconds.
    access = (
        f"access: {{station_token: \"{STATION_TOKEN}\", pin_iterations: 1000}}\n"
        f"session: {{fingers: [right_index], step_timeout_seconds: 24, station_more_time: {count}}}\n"
    )
    return Daemon(tmp_path, access=access)


def current_session(driver):
    return driver.execute_async_script(
        "const done = arguments[0]; fetch('/v1/sessions/current').then((r) => r.json()).then(done, () => done(null));")


def ask_for_more_time(driver, session_id):
    """The page's own API module (it holds the CSRF token), as the button would call it:
    the daemon's answer, or the refusal's status and code."""
    return driver.execute_async_script(
        "const done = arguments[1];"
        "import('/js/api.js').then((m) => m.api.moreTime(arguments[0]))"
        ".then((s) => done({ok: true, left: s.more_time_left}), (e) => done({ok: false, status: e.status, code: e.code}));",
        session_id)


def start_at_station(driver, daemon):
    driver.get(daemon.url + "/?mode=station")
    wait_for(driver, "return document.getElementById('setup-title') !== null")
    driver.find_element("id", "station-token").send_keys(STATION_TOKEN)
    click(driver, "station-submit")
    wait_for(driver, "return document.getElementById('welcome-title') !== null", message="the welcome screen")
    set_language(driver, "en")
    wait_for(driver, "const b = document.getElementById('start'); return !!b && !b.disabled && (b.click(), true)",
             message="Start")
    wait_for(driver, "return document.querySelector('[data-step=consent]') !== null", message="consent")


@pytest.mark.parametrize("count", [0, 1])
def test_a_station_gets_the_configured_number_of_extensions(browser, tmp_path, count):
    daemon = station_daemon(tmp_path, count)
    try:
        start_at_station(browser, daemon)
        session = current_session(browser)
        assert session["more_time_left"] == count, session
        assert session_schema_errors(session) == [], session
        for left in range(count - 1, -1, -1):
            wait_for(browser, MORE, timeout=30, message="the I am still here button")
            assert browser.find_element("id", "more-time").text == "I am still here"
            click(browser, "more-time")
            wait_for(browser, "return document.getElementById('banner').hidden", timeout=10, message="the banner to go")
            assert current_session(browser)["more_time_left"] == left
        # None left: the warning says the screen starts over, with no button to stop it.
        warning = wait_for(browser, BANNER, timeout=30, message="the last warning")
        assert "starts over" in warning and "still there" not in warning, warning
        assert browser.find_element("id", "more-time").is_displayed() is False
        # Asked anyway (an old page, a hand-made request): the daemon refuses.
        refused = ask_for_more_time(browser, current_session(browser)["id"])
        assert refused == {"ok": False, "status": 422, "code": "not_allowed_unattended"}, refused
        wait_for(browser, "return document.getElementById('welcome-title') !== null", timeout=60, message="the welcome screen again")
    finally:
        daemon.stop()
