"""The face step with the real face checks, in a real browser (Debian's chromium, headless,
selenium) against the real daemon: the virtual camera shows a real portrait
(../shared/fixtures/faces, ENROLLD_VIRTUAL_CAMERA_IMAGE), moved to one side of the picture as
a person standing beside the camera's axis would be, and dlib's detector and landmarks judge
every preview frame. The person is told, in their language, which way to move in their own
left and right (FaceDirection.swift reasons about the mirrored preview); a centred portrait
asks for no move."""

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from kiosk_ui_support import Daemon
from test_kiosk_ui_dignity import ACCESS, to_the_finger
from test_kiosk_ui_flows import browser, click, wait_for  # noqa: F401 (browser is a fixture)

PORTRAIT = FIXTURES / "faces" / "skimage" / "astronaut.png"
LANDMARKS = Path("/usr/share/dlib/shape_predictor_68_face_landmarks.dat")
FACE_POLICY = ACCESS.replace("face: false,", "face: true,")
CHECKS = "return [...document.querySelectorAll('#checks li')].map((li) => [li.dataset.check, li.textContent])"


def camera_picture(folder, shift):
    """The portrait as a 640×480 camera frame (as Tests/FaceAnalysisTests/Portrait.swift
    frames it), its content moved `shift` pixels right (negative: left), the strip it
    uncovers mid-gray."""
    image = pytest.importorskip("PIL.Image", reason="pillow is not installed (scripts/install-deps test)")
    frame = image.open(PORTRAIT).convert("RGB").crop((90, 10, 90 + 256, 10 + 192)).resize((640, 480), image.BILINEAR)
    moved = image.new("RGB", (640, 480), (128, 128, 128))
    moved.paste(frame, (shift, 0))
    path = folder / f"portrait-{shift}.png"
    moved.save(path)
    return path


@pytest.fixture(scope="module", params=[-150, 150, 0], ids=["face-left-in-frame", "face-right-in-frame", "centred"])
def daemon(request, tmp_path_factory):
    if not PORTRAIT.exists():
        pytest.skip(f"{PORTRAIT} is absent (../shared/fixtures/faces)")
    if not LANDMARKS.exists():
        pytest.skip(f"{LANDMARKS} is absent (Debian package libdlib-data)")
    folder = tmp_path_factory.mktemp("kiosk-face-direction")
    d = Daemon(folder, access=FACE_POLICY, camera_image=camera_picture(folder, request.param))
    d.shift = request.param
    yield d
    assert d.stop() == 0


def words(lang):
    return json.loads((REPO / "ui" / "kiosk" / "i18n" / f"{lang}.json").read_text())


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_person_is_told_which_way_to_move_in_their_own_words(browser, daemon, lang):
    to_the_finger(browser, daemon, lang, f"FACE-{daemon.shift}-{lang}")
    wait_for(browser, "const s = document.getElementById('finger-status'); return s && s.dataset.reader === 'needed'",
             message="the station's reader to wait")
    daemon.present_finger(1)
    wait_for(browser, "return document.querySelector('[data-step=face]') !== null", timeout=90, message="the face step")
    # The preview runs the checks on every frame; the words come with the first judged one.
    wait_for(browser, "return import('/js/app.js').then((m) => !!m.app.live.faceQuality)", timeout=90,
             message="a judged preview frame")
    quality = browser.execute_script("return import('/js/app.js').then((m) => m.app.live.faceQuality)")
    # One face found and judged (a frame without one would ask for no move either).
    assert quality["assessed"] and "face_count" not in quality["feedback"] and quality["score"] > 10, quality
    catalog = words(lang)
    if daemon.shift == 0:
        # Centred: no move asked, whatever else the portrait fails (its eyes are close together).
        shown = browser.execute_script(CHECKS) or []
        assert not {"move_left", "move_right", "centred"} & set(quality["feedback"]), quality
        assert all(code not in ("move_left", "move_right") for code, _ in shown), shown
    else:
        # In the camera's left half (content moved left) the person stands to their own
        # right of the camera: "move to your left"; and the other way round.
        expected = "move_left" if daemon.shift < 0 else "move_right"
        opposite = "move_right" if expected == "move_left" else "move_left"
        shown = wait_for(browser, f"const c = ({CHECKS.removeprefix('return ')}); return c.some((e) => e[0] === '{expected}') && c",
                         timeout=30, message=f"the {expected} words")
        assert [expected, catalog[f"check.{expected}"]] in shown, shown
        assert all(code not in (opposite, "centred") for code, _ in shown), shown
        assert browser.execute_script("return document.getElementById('take-photo') !== null")
    click(browser, "abort")
    click(browser, "abort-yes")
    wait_for(browser, "return document.getElementById('aborted') !== null")
