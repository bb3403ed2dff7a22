"""A kiosk database older than the server's chain, end to end through the daemon: enrolld
uploads to the real enroll-ingest over mutual TLS; a copy of its database taken between two
uploads (with SQLite's online backup, the WAL included) is put back while enrolld is
stopped; at the next start the uploader finds the server ahead, and `enrollctl status`,
`enrollctl queue` and `enrollctl sync`, the API's admission answer and the journal line
(catalog entry 479d6129…, `databaseOlderThanServer`) all say so, while nothing new is sealed
or sent. Then each of the catalog's remedies is carried out as a technician would, and the
kiosk enrolls and uploads again."""

import shutil
import sqlite3
import time

import pytest
from central_receiver import registered_kiosk
from test_demo import wait_until
from test_sessions import capture_fingers, start, step

OLDER_DATABASE = "479d6129da7c422a86d42eea47855a2a"
FINDING = "the central server holds a longer chain for this kiosk than this database (server at sequence 2, database at 1)"
# One finger, no photograph, no duplicate check: the enrollments are the means here.
POLICY = ("session: {fingers: [right_index], face: false, duplicate_check: false, required_fields: [reference]}\n"
          "access: {pin_iterations: 1000}\n")


def enroll(kiosk, reference):
    browser = kiosk.browser("op1")
    session = start(kiosk, browser)
    session = step(browser, kiosk, session, "consent", {"version": session["consent_version"], "accepted": True})
    session = step(browser, kiosk, session, "subject", {"fields": {"reference": reference}})
    session = capture_fingers(kiosk, browser, session)
    assert session["step"] == "review", session
    session = step(browser, kiosk, session, "confirm")
    assert session["step"] == "committed", session


def delivered_since_start(kiosk, count):
    """The kiosk itself holds the receipts (not only the receiver the records)."""
    wait_until(lambda: f"Delivered:    {count} record" in kiosk.enrollctl("sync").stdout, 60,
               f"{count} record(s) delivered: " + kiosk.enrollctl("sync").stdout)


def database(kiosk):
    return kiosk.folder / "state" / "enrolld.sqlite"


def backup(kiosk, target):
    """A consistent copy of the running daemon's database, taken the way a technician should
    (`sqlite3 enrolld.sqlite ".backup COPY"`): SQLite's online backup through a read-only
    connection, which includes what the WAL holds. The file alone would miss every commit
    since the last checkpoint (the daemon does not checkpoint at a stop)."""
    source = sqlite3.connect(f"file:{database(kiosk)}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    assert sqlite3.connect(target).execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def put_back(kiosk, copy):
    """With enrolld stopped: the database and its WAL files go, the copy takes their place."""
    assert kiosk.process.poll() is not None
    for suffix in ("", "-wal", "-shm"):
        database(kiosk).with_name(database(kiosk).name + suffix).unlink(missing_ok=True)
    shutil.copyfile(copy, database(kiosk))
    database(kiosk).chmod(0o600)


def finding_lines(kiosk):
    return [line for line in kiosk.log().splitlines() if OLDER_DATABASE in line]


def admission(kiosk):
    answer = kiosk.browser("op1").get(kiosk.url + "/v1/sessions/admission", timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.fixture
def restored(tmp_path):
    """Two records uploaded, then the copy taken between them put back and enrolld started
    on it; yields (receiver, kiosk, copy taken after the last upload) once the refusal is
    there."""
    with registered_kiosk(tmp_path, POLICY, [("op1", "operator")]) as (receiver, kiosk):
        enroll(kiosk, "OLDER-1")
        delivered_since_start(kiosk, 1)
        backup(kiosk, tmp_path / "before-second-upload.sqlite")
        enroll(kiosk, "OLDER-2")
        delivered_since_start(kiosk, 2)
        backup(kiosk, tmp_path / "after-last-upload.sqlite")
        uploaded = receiver.stored()
        assert [sequence for _, sequence in uploaded] == [1, 2], uploaded

        assert kiosk.stop() == 0, kiosk.log()[-3000:]
        put_back(kiosk, tmp_path / "before-second-upload.sqlite")
        kiosk.start()
        # The uploader asks the server for this kiosk's chain head once it answers.
        wait_until(lambda: FINDING in kiosk.enrollctl("status").stdout, 60, "the finding in enrollctl status: " + kiosk.enrollctl("status").stdout)
        yield receiver, kiosk, tmp_path / "after-last-upload.sqlite"


def test_an_older_database_is_refused_everywhere_a_technician_looks(restored):
    receiver, kiosk, _ = restored
    status = kiosk.enrollctl("status")
    assert status.returncode == 0 and FINDING in status.stdout, status.stdout
    for command in ("queue", "sync"):
        shown = kiosk.enrollctl(command)
        assert FINDING in shown.stdout, f"enrollctl {command}: {shown.stdout}"

    answer = admission(kiosk)
    assert answer["accepting"] is False and answer["error"] == "not_accepting", answer
    assert "older than the last upload" in answer["message"], answer
    refused = kiosk.browser("op1").post(kiosk.url + "/v1/sessions", timeout=30)
    assert refused.status_code == 503 and refused.json()["error"] == "not_accepting", refused.text

    # The uploader's finding, journalled once with both heads; the refusal it causes,
    # journalled once when it begins; both under the catalog's id, nothing of a person.
    stops = [line for line in finding_lines(kiosk) if "Uploads and enrollments stop" in line]
    assert len(stops) == 1, finding_lines(kiosk)
    assert "sync.server_head=2" in stops[0] and "sync.local_head=1" in stops[0], stops[0]
    refusals = [line for line in finding_lines(kiosk) if "New enrollments are refused" in line]
    assert len(refusals) == 1 and FINDING in refusals[0], finding_lines(kiosk)
    assert len(finding_lines(kiosk)) == 2, finding_lines(kiosk)
    assert "OLDER-" not in kiosk.log()

    # Nothing forked reached the server.
    assert [sequence for _, sequence in receiver.stored()] == [1, 2]


def test_a_copy_as_new_as_the_last_upload_ends_the_refusal(restored):
    """The catalog's first remedy: stop enrolld, put back a copy taken after the last
    successful sync, start it."""
    receiver, kiosk, newer = restored
    assert kiosk.stop() == 0, kiosk.log()[-3000:]
    put_back(kiosk, newer)
    kiosk.start()
    wait_until(lambda: admission(kiosk)["accepting"], 60, "enrollments accepted again")
    assert FINDING not in kiosk.enrollctl("status").stdout
    enroll(kiosk, "OLDER-3")
    wait_until(lambda: len(receiver.stored()) == 3, 60, "the third record at the receiver")
    assert [sequence for _, sequence in receiver.stored()] == [1, 2, 3]
    assert sum("Uploads and enrollments stop" in line for line in finding_lines(kiosk)) == 1, "no second finding after the remedy"


def test_starting_as_a_new_device_ends_the_refusal(restored, tmp_path):
    """The catalog's other remedy, when no newer copy exists: stop enrolld, move the
    database and the device key out, start, register the new key, add the operators again."""
    receiver, kiosk, _ = restored
    assert kiosk.stop() == 0, kiosk.log()[-3000:]
    kept = tmp_path / "old-kiosk"
    kept.mkdir()
    state = kiosk.folder / "state"
    for name in ("enrolld.sqlite", "enrolld.sqlite-wal", "enrolld.sqlite-shm", "device.ed25519"):
        if (state / name).exists():
            shutil.move(state / name, kept / name)
    kiosk.start()
    key = receiver.register(kiosk.socket, replace=True)
    kiosk.add_operator("op1", "operator")
    wait_until(lambda: admission(kiosk)["accepting"], 60, "enrollments accepted again")
    enroll(kiosk, "OLDER-NEW")
    wait_until(lambda: len(receiver.stored()) == 3, 60, "the new device's first record at the receiver")
    stored = receiver.stored()
    old_device = stored[0][0]
    assert stored[2][1] == 1 and stored[2][0] != old_device, stored
    assert key, "the new key was registered"
    # The old database is kept for the central office, untouched.
    assert (kept / "enrolld.sqlite").exists() and (kept / "device.ed25519").exists()
