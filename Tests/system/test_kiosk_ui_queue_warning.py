"""The staff home screen warns when records are not reaching the central server: a real
daemon whose outbox (records sealed by the real store code, written by enroll-crashwriter
before the daemon starts) fills more than 80 % of a 1 MiB queue, seen in a real browser
in Persian (Persian digits, right to left) and in English."""

import re
import subprocess
import time

import pytest
from kiosk_browser import console_errors, screenshot, stored_state
import json
from kiosk_ui_support import BIN, KIOSK, Daemon
from test_kiosk_ui_flows import browser, wait_for  # noqa: F401 (browser is a fixture)

OPERATOR = ("op.one", "1357")
ACCESS = 'access: {station_token: "kiosk-ui-test-station-token-0123", pin_iterations: 1000}\n'
QUEUE = "storage: {max_queue_mib: 1, min_free_mib: 0}\n"


def fill_outbox(state, target_bytes):
    """Records committed by the real store into `state` until they pass `target_bytes`
    (the writer commits one per transaction and acknowledges each COMMIT)."""
    writer = BIN / "enroll-crashwriter"
    if not writer.exists():
        pytest.skip("enroll-crashwriter is not built (swift build --build-tests)")
    state.mkdir(mode=0o700, parents=True)
    process = subprocess.Popen([writer, state, "00" * 32, "60000", "7"], stdout=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            database = state / "enrolld.sqlite"
            wal = state / "enrolld.sqlite-wal"
            size = sum(p.stat().st_size for p in (database, wal) if p.exists())
            if line.startswith("ack") and size > target_bytes:
                return
        pytest.fail("enroll-crashwriter did not fill the outbox in 60 s")
    finally:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kiosk-queue-warning")
    # The files on disk overstate the queue (the sizes index, free pages): 1.5 MB of them is
    # comfortably past 80 % of the 1 MiB quota.
    fill_outbox(folder / "state", 1_500_000)
    d = Daemon(folder, access=ACCESS, extra=QUEUE, reader=False)
    d.add_operator(OPERATOR, "operator")
    yield d
    assert d.stop() == 0



def sign_in(driver, daemon):
    driver.get(daemon.url + "/")
    wait_for(driver, "return document.getElementById('login-title') !== null")
    driver.find_element("id", "operator-id").send_keys(OPERATOR[0])
    driver.find_element("id", "pin").send_keys(OPERATOR[1])
    driver.find_element("id", "login-submit").click()
    wait_for(driver, "return document.getElementById('home-title') !== null", message="the home screen")


def test_the_queue_reports_its_warning(daemon):
    import json
    import urllib.request
    with urllib.request.urlopen(daemon.url + "/v1/queue", timeout=10) as response:
        status = json.load(response)
    warning = status.get("warning")
    assert warning, status
    assert warning["records"] == status["queue"]["depth"] > 0
    assert warning["fraction"] >= 0.8
    assert abs(warning["since"] - time.time()) < 3600, "the records were committed minutes ago"


def test_the_home_screen_warns_in_persian_and_in_english(browser, daemon):
    sign_in(browser, daemon)
    wait_for(browser, "const e = document.getElementById('queue-warning'); return e && !e.hidden && e.textContent.length > 0",
             message="the queue warning")
    line = browser.find_element("id", "queue-warning")
    assert browser.execute_script("return document.documentElement.lang") == "fa"
    persian = line.text
    assert "ارسال‌نشده از" in persian and "٪" in persian, persian
    assert re.search(r"[۰-۹]", persian) and not re.search(r"[0-9]", persian), f"Persian digits only: {persian}"
    assert "warning" in line.get_attribute("class")
    screenshot(browser, "home-queue-warning-fa", sizes=["1280x800"])

    browser.find_element("id", "lang").click()
    wait_for(browser, "return document.documentElement.lang === 'en'")
    wait_for(browser, "const e = document.getElementById('queue-warning'); return e && /Not sent since/.test(e.textContent)",
             message="the English warning")
    english = browser.find_element("id", "queue-warning").text
    match = re.search(r"Not sent since (.+) · (\d+) records · (\d+) % of the space", english)
    assert match, english
    assert int(match.group(3)) >= 80
    assert str(time.gmtime().tm_year) in match.group(1)
    screenshot(browser, "home-queue-warning-en", sizes=["1280x800"])
    assert console_errors(browser, allowed=[]) == []
    state = stored_state(browser)
    assert state["local"] == 0 and state["session"] == 0, state


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """A kiosk whose outbox is past its 1 MiB quota: the store refuses new records."""
    folder = tmp_path_factory.mktemp("kiosk-queue-full")
    fill_outbox(folder / "state", 2_500_000)
    d = Daemon(folder, access=ACCESS, extra=QUEUE, reader=False)
    d.add_operator(OPERATOR, "operator")
    yield d
    assert d.stop() == 0


def test_a_full_queue_pauses_enrollments_in_the_staffs_language(browser, full):
    import urllib.request
    with urllib.request.urlopen(full.url + "/v1/queue", timeout=10) as response:
        assert json.load(response)["accepting"] is False
    words = {lang: json.loads((KIOSK / "i18n" / f"{lang}.json").read_text(encoding="utf-8")) for lang in ("fa", "en")}
    sign_in(browser, full)
    wait_for(browser, "const q = document.getElementById('queue'); return q && q.dataset.reason === 'not_accepting'",
             message="the refusal on the home screen")
    assert browser.find_element("id", "queue").text == words["fa"]["home.refusal.not_accepting"]
    assert browser.find_element("id", "home-title").text == words["fa"]["home.paused_title"]
    assert not browser.find_element("id", "start").is_enabled()
    # The daemon's English sentence (naming a configuration key) only in the closed detail.
    screen = browser.find_element("id", "screen").text
    assert "max_queue_mib" not in screen and not re.search(r"[A-Za-z]{4,}", screen.replace("op.one", "")), screen
    assert "not_accepting" in browser.find_element("id", "staff-reason").get_attribute("textContent")
    screenshot(browser, "home-queue-full-fa", sizes=["1280x800"])
    assert console_errors(browser, allowed=[]) == []
