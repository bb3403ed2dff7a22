"""Debian's chromium, headless, driven through chromium-driver by selenium, for the kiosk UI
tests; and the screenshots they leave as artifacts."""

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import REPO

SIZES = {"1280x800": (1280, 800), "1920x1080": (1920, 1080), "1024x600": (1024, 600), "800x1280": (800, 1280),
         # A 1280x800 screen at 150 % zoom: the page lays out in 853x533 CSS pixels.
         "zoom150": (853, 533)}
SCALE = {"zoom150": 1.5}
# The kiosk screens the layout must fit without scrolling to the main controls.
KIOSK_SIZES = ("1280x800", "1024x600", "800x1280", "zoom150")
SCREENSHOTS = Path(os.environ.get("KIOSK_SCREENSHOTS", REPO / ".build" / "artifacts" / "screenshots"))


def chromium_paths():
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or (Path("/usr/bin/chromedriver") if Path("/usr/bin/chromedriver").exists() else None)
    return browser, driver


def start_browser(size="1280x800"):
    browser, driver = chromium_paths()
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    if driver is None:
        pytest.skip("chromium-driver is not installed (apt-get install chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install selenium)")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--no-first-run", "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(argument)
    width, height = SIZES[size]
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(options=options, service=Service(str(driver)))
    set_viewport(session, size)
    return session


def set_viewport(driver, size):
    """Exactly this many CSS pixels, whatever the window decorations of headless mode."""
    width, height = SIZES[size]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": SCALE.get(size, 1), "mobile": False})


def fully_in_view(driver, element_id):
    """Whether the element is wholly inside the viewport with the page scrolled to its top,
    and on top there (nothing drawn over its middle). Returns (bool, rectangle)."""
    return driver.execute_script("""
        window.scrollTo(0, 0);
        const e = document.getElementById(arguments[0]);
        if (!e || e.offsetParent === null) return [false, null];
        const r = e.getBoundingClientRect();
        const inside = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && r.height > 0;
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return [inside && !!top && (top === e || e.contains(top)),
                {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: innerHeight, width: innerWidth}];
    """, element_id)


def screenshot(driver, name, sizes=("1280x800", "1920x1080"), back_to=None):
    """Saves the screen at each size as SCREENSHOTS/<name>-<size>.png; returns the paths."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    paths = []
    for size in sizes:
        set_viewport(driver, size)
        time.sleep(0.15)  # one layout pass at the new size before the picture
        path = SCREENSHOTS / f"{name}-{size}.png"
        driver.save_screenshot(str(path))
        paths.append(path)
    set_viewport(driver, back_to or sizes[0])
    return paths


def console_errors(driver, allowed=()):
    """Console entries at SEVERE level, less the expected network answers in `allowed`
    (substrings such as "/v1/auth/login - Failed to load resource ... 401")."""
    entries = driver.get_log("browser")
    return [e for e in entries if e["level"] == "SEVERE" and not any(a in e["message"] for a in allowed)]


def stored_state(driver):
    """Everything the page could have left in the browser besides the login cookie."""
    return driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const result = {local: localStorage.length, session: sessionStorage.length, databases: []};
        (indexedDB.databases ? indexedDB.databases() : Promise.resolve([]))
          .then((dbs) => { result.databases = dbs.map((d) => d.name); })
          .then(() => (window.caches ? caches.keys() : []))
          .then((keys) => { result.caches = keys; done(result); })
          .catch((e) => { result.error = String(e); done(result); });
    """)
