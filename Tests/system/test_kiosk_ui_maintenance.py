"""The staff home screen in a real browser while a technician holds enrollments back
(`enrollctl maintenance on`): it says so in Persian and in English instead of the queue line,
and goes back to the queue line once maintenance is off."""

import pytest
from kiosk_browser import console_errors, screenshot
from kiosk_ui_support import Daemon
from test_kiosk_ui_flows import browser, wait_for  # noqa: F401 (browser is a fixture)
from test_kiosk_ui_queue_warning import ACCESS, OPERATOR, sign_in


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = Daemon(tmp_path_factory.mktemp("kiosk-maintenance"), access=ACCESS)
    d.add_operator(OPERATOR, "operator")
    yield d
    assert d.stop() == 0


def queue_line_says(driver, pattern):
    wait_for(driver, f"const e = document.getElementById('queue'); return e && /{pattern}/.test(e.textContent)",
             message=f"the home screen's line to match {pattern}")
    return driver.find_element("id", "queue")


def test_the_home_screen_says_a_technician_is_servicing_the_kiosk(browser, daemon):
    on = daemon.enrollctl("maintenance", "on")
    assert on.returncode == 0, on.stderr
    sign_in(browser, daemon)
    assert browser.execute_script("return document.documentElement.lang") == "fa"
    line = queue_line_says(browser, "تکنسین")
    assert "warning" in line.get_attribute("class")
    # Paused, said in the title, and Start is off: nobody starts an enrollment to be refused.
    assert browser.find_element("id", "home-title").text == "ثبت‌نام تازه فعلاً متوقف است"
    assert not browser.find_element("id", "start").is_enabled()
    screenshot(browser, "home-maintenance-fa", sizes=["1280x800"])

    browser.find_element("id", "lang").click()
    wait_for(browser, "return document.documentElement.lang === 'en'")
    assert queue_line_says(browser, "A technician is servicing this kiosk").text.startswith("A technician is servicing this kiosk")

    off = daemon.enrollctl("maintenance", "off")
    assert off.returncode == 0, off.stderr
    # The language switch draws the home screen again, asking anew.
    browser.find_element("id", "lang").click()
    wait_for(browser, "return document.documentElement.lang === 'fa'")
    line = queue_line_says(browser, "پرونده")
    assert "تکنسین" not in line.text and "muted" in line.get_attribute("class")
    wait_for(browser, "const e = document.getElementById('start'); return e && !e.disabled", message="Start to be on again")
    assert browser.find_element("id", "home-title").text == "آمادهٔ ثبت‌نام"
    assert console_errors(browser, allowed=[]) == []
