"""A person's right of access, end to end: an enrollment through the running daemon (the
virtual reader, the virtual camera, a finger recorded as bandaged with a supervisor's
approval) is uploaded to the real enroll-ingest over mutual TLS; then, as the central office
would, `enroll-ingest find` with the short reference as the end screen prints it, and
`enroll-ingest export` with the central sealing key: the copy holds the daemon's real JPEG
photograph and says, in words, which fingers were taken and which not and why, that a
template is held but not copied, and nothing of the record reaches the terminal."""

import json
import os
import stat
import subprocess

import pytest
from central_receiver import INGEST, registered_kiosk
from kiosk_daemon import PIN
from test_demo import wait_until
from test_sessions import start, step, take_photo

POLICY = ("session: {fingers: [right_index, left_index], face: true, duplicate_check: false, required_fields: [reference]}\n"
          "access: {pin_iterations: 1000}\n")
SUBJECT = "RIGHTS-PRIVATE-5521"


def short_reference(record_id):
    """As the kiosk's end screen prints it (ui/kiosk/js/screens/reference.js): the id's last
    eight hex digits, in capitals, in two groups of four."""
    tail = record_id.replace("-", "")[-8:].upper()
    return f"{tail[:4]} {tail[4:]}"


def capture_one_finger(kiosk, browser, session, finger):
    """Presents the virtual finger until `finger` is accepted (a retry is the reader's
    normal answer), leaving the session at the next step."""
    while session["step"] == "finger" and session["finger"] == finger:
        response = kiosk.present_while(lambda: browser.post(f"{kiosk.url}/v1/sessions/{session['id']}/finger", json={"finger": finger}, timeout=60))
        assert response.status_code == 200, response.text
        result = response.json()
        assert result["outcome"] in ("accepted", "retry"), result
        session = result["session"]
    return session


def ingest(*args):
    return subprocess.run([str(INGEST), *map(str, args)], capture_output=True, text=True, timeout=120)


@pytest.fixture
def enrolled(tmp_path):
    with registered_kiosk(tmp_path, POLICY, [("op1", "operator"), ("sup1", "supervisor")]) as (receiver, kiosk):
        browser = kiosk.browser("op1")
        session = start(kiosk, browser)
        session = step(browser, kiosk, session, "consent", {"version": session["consent_version"], "accepted": True})
        session = step(browser, kiosk, session, "subject", {"fields": {"reference": SUBJECT}})
        session = capture_one_finger(kiosk, browser, session, "right_index")
        assert session["step"] == "finger" and session["finger"] == "left_index", session
        session = step(browser, kiosk, session, "finger/exception",
                       {"finger": "left_index", "reason": "bandaged", "supervisor": {"operator_id": "sup1", "pin": PIN}})
        assert session["step"] == "face", session
        session = take_photo(kiosk, browser, session)
        assert session["step"] == "review", session
        session = step(browser, kiosk, session, "confirm")
        assert session["step"] == "committed", session
        wait_until(lambda: "Delivered:    1 record" in kiosk.enrollctl("sync").stdout, 60, "the record to be delivered")
        yield receiver, kiosk, session["record_id"]


def test_a_person_with_their_short_reference_gets_their_copy(enrolled, tmp_path):
    receiver, kiosk, record_id = enrolled
    reference = short_reference(record_id)
    found = ingest("find", reference, "--devices", receiver.devices, "--database", receiver.database)
    assert found.returncode == 0, found.stderr
    assert f"{reference}: 1 record" in found.stdout and f"{record_id}  held  kiosk test-kiosk" in found.stdout, found.stdout
    assert "keeps no log" in found.stderr

    out = tmp_path / "copy"
    exported = ingest("export", record_id, "--sealing-key", receiver.data / "sealing.key", "--devices", receiver.devices,
                      "--database", receiver.database, "--out", out)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.split() == [str(out / name) for name in ("summary.txt", "summary.json", "photo.jpg")], exported.stdout
    assert SUBJECT not in exported.stdout + exported.stderr + found.stdout + found.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o700
    assert all(stat.S_IMODE(os.stat(out / name).st_mode) == 0o600 for name in os.listdir(out))

    photo = (out / "photo.jpg").read_bytes()
    assert photo[:3] == b"\xff\xd8\xff" and photo[-2:] == b"\xff\xd9", "the kiosk's JPEG, as it took it"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["record_id"] == record_id and summary["short_reference"] == reference
    assert summary["details"] == [{"name": "reference", "value": SUBJECT}]
    fingers = {finger["finger"]: finger for finger in summary["fingers"]}
    assert fingers["right_index"]["captured"] is True
    assert fingers["left_index"] == {"position": 7, "finger": "left_index", "captured": False, "reason_not_captured": "bandaged or in a cast"}
    assert summary["photo"]["held"] is True and summary["photo"]["file"] == "photo.jpg"
    assert summary["templates"]["held"] == 1 and summary["templates"]["fingers"] == ["right_index"]
    assert summary["finger_images"]["held"] == 1 and summary["finger_images"]["included"] is False
    assert summary["consent"]["text_version"] == "2" and summary["consent"]["answer"] == "granted"
    text = (out / "summary.txt").read_text()
    assert f"reference: {SUBJECT}" in text and "left index: not taken (bandaged or in a cast)" in text, text
    assert "op1" not in text and "sup1" not in text, "staff accounts stay out of the copy"
    assert SUBJECT not in kiosk.log() and SUBJECT not in receiver.output()

    # The same copy in Persian: the text in Persian, right to left; the JSON's keys and codes unchanged.
    persian = tmp_path / "copy-fa"
    exported = ingest("export", record_id, "--sealing-key", receiver.data / "sealing.key", "--devices", receiver.devices,
                      "--database", receiver.database, "--out", persian, "--language", "fa", "--time-zone", "Asia/Tehran")
    assert exported.returncode == 0, exported.stderr
    text = (persian / "summary.txt").read_text()
    assert "(\u2066UTC+03:30\u2069)" in text and "UTC)" not in text, "times in the centre's zone, the offset said"
    assert all(line.startswith("\u200f") for line in text.splitlines() if line), "every line right to left"
    assert "انگشت اشارهٔ دست راست: گرفته شد، امتیاز کیفیت " in text, text
    assert "انگشت اشارهٔ دست چپ: گرفته نشد (باندپیچی یا در گچ)" in text and SUBJECT in text, text
    assert (persian / "photo.jpg").read_bytes() == photo
    wrong_zone = ingest("export", record_id, "--sealing-key", receiver.data / "sealing.key", "--devices", receiver.devices,
                        "--database", receiver.database, "--out", tmp_path / "copy-x", "--time-zone", "Tehran")
    assert wrong_zone.returncode != 0 and "'Tehran' is not a time zone name such as Asia/Tehran" in wrong_zone.stderr, wrong_zone.stderr
    assert not (tmp_path / "copy-x").exists()
    fa = json.loads((persian / "summary.json").read_text())
    assert set(fa) == set(summary) and [f["finger"] for f in fa["fingers"]] == [f["finger"] for f in summary["fingers"]]
    assert fa["record_id"] == record_id and fa["fingers"][1]["reason_not_captured"] == "باندپیچی یا در گچ", fa["fingers"]
