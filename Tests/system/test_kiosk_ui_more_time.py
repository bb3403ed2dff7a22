"""The step countdown in a real browser (Debian's chromium, headless, selenium) against the
real daemon: staff see "More time" in the banner when a step is about to time out, and it
starts the step's wait again; the person at a self-service station gets "I am still here"
twice per step, then the warning without the button, and the step still times out."""

import re
import sqlite3

import pytest
from conftest import REPO
from kiosk_browser import screenshot
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
    d.add_operator(OPERATOR, "operator")
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
    # Staff read what the time-out means: the enrollment is cancelled and nothing kept.
    banner = browser.find_element("id", "banner-text").text
    expected = {"en": ("cancelled", "nothing of it is kept"), "fa": ("لغو می‌شود", "نگه داشته نمی‌شود")}[lang]
    assert all(part in banner for part in expected), banner
    before = deadline(browser)
    assert before is not None and before <= 20, before
    click(browser, "more-time")
    # The step's wait started again: past the warning, so the banner goes away.
    wait_for(browser, "return document.getElementById('banner').hidden", timeout=10, message="the banner to go")
    after = deadline(browser)
    assert after is not None and after > 20, after
    assert browser.execute_script("return document.querySelector('[data-step=consent]') !== null")


def session_schema_errors(session):
    """What docs/control-api.yaml's Session schema (additionalProperties: false) finds wrong
    with a session the real daemon sent; skips without PyYAML or jsonschema."""
    yaml = pytest.importorskip("yaml", reason="python3-yaml is not installed (the contract's schema)")
    jsonschema = pytest.importorskip("jsonschema", reason="python3-jsonschema is not installed (the contract's schema)")
    spec = yaml.safe_load((REPO / "docs" / "control-api.yaml").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator({"$ref": "#/components/schemas/Session", "components": spec["components"]})
    return [error.message for error in validator.iter_errors(session)]


def observe_announcements(driver):
    """Records every text the banner's spoken part takes, and every count the screen shows."""
    driver.execute_script("""
        window.spoken = []; window.shown = [];
        new MutationObserver(() => { const t = document.getElementById('banner-say').textContent; if (t) window.spoken.push(t); })
          .observe(document.getElementById('banner-say'), { childList: true, characterData: true, subtree: true });
        new MutationObserver(() => { window.shown.push(document.getElementById('banner-text').textContent); })
          .observe(document.getElementById('banner-text'), { childList: true, characterData: true, subtree: true });
    """)


def seconds_in(text):
    digits = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
    found = re.search(r"\d+", text.translate(digits))
    return int(found.group()) if found else None


@pytest.mark.parametrize("lang, still_here", [("en", "I am still here"), ("fa", "هنوز اینجا هستم")])
def test_a_station_may_say_it_is_still_here_twice_then_it_resets(browser, daemon, lang, still_here):
    """WCAG 2.2.1: the person at a station can ask for more time ("I am still here"),
    twice per step; the third warning has no button and the station resets. The countdown
    changes on screen every second, but is said aloud only at 20, 10 and 5 seconds."""
    browser.get(daemon.url + "/?mode=station")
    wait_for(browser, "return document.getElementById('setup-title') !== null")
    browser.find_element("id", "station-token").send_keys(STATION_TOKEN)
    click(browser, "station-submit")
    wait_for(browser, "return document.getElementById('welcome-title') !== null", message="the welcome screen")
    set_language(browser, lang)
    # The welcome screen redraws as it asks whether a session would start: click in the
    # page, in one step, rather than through an element found a moment before.
    wait_for(browser, "const b = document.getElementById('start'); return !!b && !b.disabled && (b.click(), true)",
             message="Start")
    wait_for(browser, "return document.querySelector('[data-step=consent]') !== null", message="consent")
    assert browser.find_element("id", "banner").get_attribute("role") == "status"
    observe_announcements(browser)
    for left in (1, 0):
        wait_for(browser, MORE, timeout=30, message="the I am still here button")
        assert browser.find_element("id", "more-time").text == still_here
        click(browser, "more-time")
        wait_for(browser, "return document.getElementById('banner').hidden", timeout=10, message="the banner to go")
        session = browser.execute_async_script(
            "const done = arguments[0]; fetch('/v1/sessions/current').then((r) => r.json()).then(done, () => done(null));")
        assert session["deadline_seconds"] > 20 and session["more_time_left"] == left, session
        assert session_schema_errors(session) == [], session
        assert session["step"] == "consent"
    # The third warning: no button, and nothing stops the reset.
    wait_for(browser, BANNER, timeout=30, message="the last warning")
    screenshot(browser, f"station-{lang}-last-warning", sizes=["1280x800"])
    assert browser.find_element("id", "more-time").is_displayed() is False
    browser.execute_script("window.spoken = []; window.shown = [];")
    wait_for(browser, "return document.getElementById('welcome-title') !== null", timeout=60, message="the welcome screen again")
    spoken = browser.execute_script("return window.spoken")
    shown = browser.execute_script("return window.shown")
    # Said aloud at 10 and 5 seconds (20 was said as the warning came), yet the count on
    # screen changed every second.
    assert [seconds_in(text) for text in spoken] == [10, 5], spoken
    assert len(shown) >= 15, shown
    # The daemon's audit log has both extensions, by the station (read from its database).
    with sqlite3.connect(f"file:{daemon.folder / 'state' / 'enrolld.sqlite'}?mode=ro", uri=True, timeout=30) as database:
        actors = [row[0] for row in database.execute("SELECT actor FROM audit_log WHERE action = 'session.more_time'")]
    assert actors == ["station"] * 2, actors
