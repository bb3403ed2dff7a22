"""`make demo` end to end: scripts/run-demo (what `make demo` runs) provisions its test PKI
and receiver keys, starts enroll-ingest and enrolld with the virtual reader and camera; an
operator added with enrollctl completes an enrollment through the loopback API as the kiosk
page would, and the record arrives at the local receiver, signed for.

Run beside any real demo: its own folder and ports (DEMO_DIR, DEMO_HTTP_PORT, INGEST_PORT)."""

import os
import sqlite3
import subprocess
import time

import pytest

from conftest import REPO, require_tool
from kiosk_daemon import KioskClient, free_port
from test_sessions import capture_fingers, start, step, take_photo


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_an_enrollment_in_the_demo_arrives_at_the_local_receiver(tmp_path):
    swift = require_tool("swift")
    require_tool("openssl")
    for product in ["enrolld", "enrollctl", "enroll-ingest"]:
        build = subprocess.run([swift, "build", "--product", product], cwd=REPO, capture_output=True, text=True, timeout=3600)
        assert build.returncode == 0, build.stderr[-3000:]
    bin_path = subprocess.run([swift, "build", "--show-bin-path"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    demo = tmp_path / "demo"
    http_port = free_port()
    env = {**os.environ, "BIN": bin_path, "DEMO_DIR": str(demo), "DEMO_HTTP_PORT": str(http_port), "INGEST_PORT": str(free_port())}
    log = open(tmp_path / "demo.log", "w+")
    process = subprocess.Popen(["scripts/run-demo"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    kiosk = KioskClient(str(demo / "run" / "api.sock"), f"http://127.0.0.1:{http_port}")
    try:
        # run-demo prints the receiver's address once the kiosk's key is registered there.
        wait_until(lambda: "receiver    https://" in (tmp_path / "demo.log").read_text() or process.poll() is not None, 120, "the demo to start")
        assert process.poll() is None, (tmp_path / "demo.log").read_text()[-3000:]
        kiosk.add_operator("demo", "supervisor")
        browser = kiosk.browser("demo")
        session = start(kiosk, browser)
        # The demo serves the kiosk page's consent texts: the answer names the one shown.
        shown = session["consent_texts"][0]
        session = step(browser, kiosk, session, "consent", {"version": session["consent_version"], "accepted": True,
                                                            "language": shown["language"], "sha256": shown["sha256"]})
        fields = {field["key"]: "DEMO-1" for field in session["subject_fields"]}
        session = step(browser, kiosk, session, "subject", {"fields": fields})
        session = capture_fingers(kiosk, browser, session)
        session = take_photo(kiosk, browser, session)
        if session["step"] == "duplicate_decision":  # nobody else is enrolled in a new demo folder
            raise AssertionError(f"a duplicate in an empty gallery: {session}")
        session = step(browser, kiosk, session, "confirm")
        assert session["step"] == "committed", session
        record_id = session["record_id"]

        # The uploader starts at commit; the receiver signs for the record.
        def delivered():
            out = kiosk.enrollctl("sync").stdout
            return "Delivered:    1 record" in out
        wait_until(delivered, 60, "the record to be delivered: " + kiosk.enrollctl("sync").stdout)
        with sqlite3.connect(demo / "ingest" / "ingest.sqlite") as db:
            rows = db.execute("select record_id, sequence from records").fetchall()
        # The record id is stored as its 16 bytes.
        assert rows == [(bytes.fromhex(record_id.replace("-", "")), 1)], rows
        # Then the audit log (login, consent, commit…) follows the record to the centre,
        # and the technician's view says so.
        wait_until(lambda: "Audit log:    the centre holds all" in kiosk.enrollctl("sync").stdout, 60,
                   "the audit log to reach the receiver: " + kiosk.enrollctl("sync").stdout)
        with sqlite3.connect(demo / "ingest" / "ingest.sqlite") as db:
            shipped = db.execute("select count(*) from audit_entries").fetchone()[0]
        assert f"the centre holds all {shipped} entries" in kiosk.enrollctl("sync").stdout
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
