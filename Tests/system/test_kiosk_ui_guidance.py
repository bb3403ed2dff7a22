"""Guidance that does not depend on reading, in a real browser (Debian's chromium,
headless, selenium) against the real daemon: the finger to use drawn on a hand (mirrored
for the left), and a station's tones after its first touch."""

from kiosk_browser import screenshot
from test_kiosk_ui_dignity import REJECTED, daemon, strict, to_the_finger  # noqa: F401 (fixtures)
from test_kiosk_ui_flows import browser, click, wait_for  # noqa: F401 (browser is a fixture)


def test_the_finger_to_use_is_drawn_not_only_written(browser, daemon):
    """A hand, palm down as on the reader, with the finger to use filled in; the left hand
    is the right one mirrored. Its name is the drawing's accessible name."""
    to_the_finger(browser, daemon, "en", "HAND-1")
    hand = browser.execute_script("""
        const svg = document.querySelector('#hand');
        if (!svg) return null;
        const current = [...svg.querySelectorAll('.hand-finger.current')].map((f) => f.dataset.digit);
        const box = svg.getBoundingClientRect();
        return { side: svg.dataset.hand, current, label: svg.getAttribute('aria-label'), role: svg.getAttribute('role'),
                 mirrored: !!svg.querySelector('.hand-mirrored'), width: box.width,
                 fill: getComputedStyle(svg.querySelector('.hand-finger.current')).fill,
                 other: getComputedStyle(svg.querySelector('.hand-finger:not(.current)')).fill };
    """)
    assert hand is not None
    assert hand["side"] == "right" and hand["current"] == ["index"] and not hand["mirrored"], hand
    assert hand["role"] == "img" and hand["label"] == "right index finger", hand
    assert hand["width"] >= 100 and hand["fill"] != hand["other"], hand
    screenshot(browser, "station-en-finger-hand", sizes=["1280x800"])
    # Every finger of both hands: one finger filled in, the left hand mirrored.
    drawn = browser.execute_script("""
        return import('/js/screens/hand.js').then((m) => {
          const out = {};
          for (const side of ['right', 'left']) for (const digit of ['thumb', 'index', 'middle', 'ring', 'little']) {
            const svg = m.handPicture(`${side}_${digit}`);
            out[`${side}_${digit}`] = [svg.dataset.hand, [...svg.querySelectorAll('.current')].map((f) => f.dataset.digit),
                                       !!svg.querySelector('.hand-mirrored'), svg.querySelectorAll('.hand-finger').length];
          }
          out.bad = [m.handPicture('nose'), m.handPicture(''), m.handPicture(null), m.handPicture('right_index<script>')];
          return out;
        });""")
    for side in ("right", "left"):
        for digit in ("thumb", "index", "middle", "ring", "little"):
            assert drawn[f"{side}_{digit}"] == [side, [digit], side == "left", 5], (side, digit, drawn)
    assert drawn["bad"] == [None, None, None, None]
    click(browser, "abort")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null")


def test_a_station_sounds_the_finger_after_its_first_touch(browser, strict):
    """Tones for a person who does not read: silent until the first touch (the browser's
    rule and the station's), then a tone when the reader feels the finger and one to try
    again; a staff page stays silent."""
    to_the_finger(browser, strict, "en", "TONES-1")
    state = "return import('/js/tones.js').then((m) => [m.audioReady(), [...m.played]])"
    ready, _ = browser.execute_script(state)
    assert ready, "the station's taps (Start, I agree, Continue) opened no audio"
    wait_for(browser, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'")
    strict.present_finger(1)
    wait_for(browser, REJECTED, timeout=60, message="the rejected try")
    _, played = browser.execute_script(state)
    assert played[-2:] == ["present", "again"], played
    click(browser, "abort")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null")
