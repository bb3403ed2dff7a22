"""A retry at a self-service station, in a real browser against the real daemon with
libfprint's virtual_image reader: the station starts the reader again at once, and the
reason for the retry ("the picture was not clear…") stays on screen while the reader waits
again, until the next result, so the person can read what to change."""

import json

import pytest
from kiosk_browser import console_errors, screenshot
from kiosk_ui_support import KIOSK, Daemon
from test_kiosk_ui_dignity import ACCESS, add_operator, to_the_finger
from test_kiosk_ui_flows import browser, click, wait_for  # noqa: F401 (browser is a fixture)

WORDS = {lang: json.loads((KIOSK / "i18n" / f"{lang}.json").read_text(encoding="utf-8")) for lang in ("fa", "en")}


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = Daemon(tmp_path_factory.mktemp("kiosk-station-retry"), access=ACCESS)
    add_operator(d)
    yield d
    assert d.stop() == 0


def smudge(path):
    """A light image with a few short strokes and no ridges: the reader asks for a retry."""
    try:
        from PIL import Image, ImageDraw
    except ImportError:
        pytest.skip("Pillow is not installed (pip install pillow)")
    image = Image.new("L", (300, 300), 245)
    draw = ImageDraw.Draw(image)
    for x in range(10, 290, 45):
        draw.line([(x, 130), (x + 15, 170)], fill=110, width=2)
    image.save(path)
    return path


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_retry_reason_stays_while_the_reader_waits_again(browser, daemon, tmp_path, lang):
    to_the_finger(browser, daemon, lang, f"RETRY-{lang}")
    wait_for(browser, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'",
             message="the station's reader to wait")
    result = daemon.enrollctl("demo", "present", str(smudge(tmp_path / "smudge.png")))
    assert result.returncode == 0, result.stderr
    reasons = [v for k, v in WORDS[lang].items() if k.startswith("retry.")]
    has_reason = "const e = document.getElementById('finger-live'); const t = e ? e.textContent : ''; return %s.some((r) => t.includes(r))" % json.dumps(reasons)
    # The reader waits again (the station started it by itself), and the reason is still there.
    wait_for(browser, "return import('/js/app.js').then((m) => m.app.live.retry !== null && m.app.live.reader === 'needed')",
             message="the reader to wait again after the retry")
    assert browser.execute_script(has_reason), browser.find_element("id", "finger-live").text
    assert WORDS[lang]["finger.needed"] in browser.find_element("id", "finger-live").text
    screenshot(browser, f"station-retry-{lang}", sizes=["1280x800"])
    # The next result replaces it: a good finger moves on.
    daemon.present_finger(1)
    wait_for(browser, "return document.querySelector('[data-step=review]') !== null", timeout=90, message="the review")
    assert not browser.execute_script(has_reason)
    # Nothing kept: the station is free for the next test.
    click(browser, "abort")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null", message="the cancelled screen")
    assert console_errors(browser) == []
