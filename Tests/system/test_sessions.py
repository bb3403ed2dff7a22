"""Enrollment sessions through the running daemon with libfprint's virtual reader and the
virtual camera: staffed and self-service enrollments, abort, exceptions, lockout, CSRF,
time-out, admission refusal, hostile bodies, the diagnostics bundle."""

import base64
import io
import json
import os
import tarfile
import time
import urllib.request

import pytest
from kiosk_daemon import ENROLLD, PIN, STATION_TOKEN, EventReader, Kiosk, kiosk_with_staff

POLICY = (
    "session: {fingers: [right_index, left_index], required_fields: [reference], step_timeout_seconds: 120}\n"
    f"access: {{station_token: {STATION_TOKEN}, pin_iterations: 1000, lockout_after: 3, lockout_seconds: 30}}\n"
)
REFERENCE = "REF-PRIVATE-7731"


@pytest.fixture
def kiosk(tmp_path):
    kiosk = kiosk_with_staff(tmp_path, POLICY)
    yield kiosk
    assert kiosk.stop() == 0, kiosk.log()[-3000:]


def start(kiosk, browser):
    response = browser.post(kiosk.url + "/v1/sessions", timeout=30)
    assert response.status_code == 201, response.text
    return response.json()


def step(browser, kiosk, session, action, body=None, expect=200):
    response = browser.post(f"{kiosk.url}/v1/sessions/{session['id']}/{action}", json=body, timeout=60)
    assert response.status_code == expect, f"{action}: {response.status_code} {response.text}"
    return response.json() if response.content else None


def capture_fingers(kiosk, browser, session):
    while session["step"] == "finger":
        finger = session["finger"]
        response = kiosk.present_while(lambda: browser.post(f"{kiosk.url}/v1/sessions/{session['id']}/finger", json={"finger": finger}, timeout=60))
        assert response.status_code == 200, response.text
        result = response.json()
        assert result["outcome"] in ("accepted", "retry"), result
        if result["outcome"] == "accepted":
            # The real fingerprint quality (NFIQ 2-like): an accepted capture met the threshold.
            quality = result["quality"]
            assert quality["assessed"] is True and quality["acceptable"] is True, quality
            assert 0 <= quality["score"] <= 100, quality
        session = result["session"]
    return session


def take_photo(kiosk, browser, session):
    deadline = time.monotonic() + 30
    while True:
        response = browser.post(f"{kiosk.url}/v1/sessions/{session['id']}/face", timeout=30)
        if response.status_code != 503 or time.monotonic() > deadline:
            break
        time.sleep(0.3)  # the camera has not delivered its first frame yet
    assert response.status_code == 200, response.text
    return response.json()["session"]


def test_staffed_enrollment_commits_a_record_with_live_events(kiosk):
    browser = kiosk.browser("op1")
    session = start(kiosk, browser)
    assert session["mode"] == "staffed" and session["operator_id"] == "op1" and session["step"] == "consent"
    assert [f["key"] for f in session["subject_fields"]] == ["reference"]
    events = EventReader(browser, f"{kiosk.url}/v1/sessions/{session['id']}/events")
    assert events.wait_for("step")["session"]["id"] == session["id"]

    session = step(browser, kiosk, session, "consent", {"version": session["consent_version"], "accepted": True})
    assert session["step"] == "subject"
    session = step(browser, kiosk, session, "subject", {"fields": {"reference": REFERENCE}})
    assert session["step"] == "finger" and session["finger"] == "right_index"
    session = capture_fingers(kiosk, browser, session)
    assert session["step"] == "face"
    feedback = events.wait_for("face_feedback")
    preview = base64.b64decode(feedback["preview_jpeg"])
    assert preview[:2] == b"\xff\xd8" and feedback["width"] <= 320
    session = take_photo(kiosk, browser, session)
    assert session["step"] == "review", session
    assert session["subject"] == {"reference": REFERENCE}
    assert [f["state"] for f in session["fingers"]] == ["captured", "captured"] and session["face"]["state"] == "captured"

    session = step(browser, kiosk, session, "confirm")
    assert session["step"] == "committed" and len(session["record_id"]) == 36
    assert "subject" not in session
    assert events.wait_for("committed")["record_id"] == session["record_id"]
    for kind in ("finger_needed", "finger_quality", "face_quality"):
        assert kind in events.types()
    assert not any(REFERENCE in str(data) for _, data in events.events), "subject data on the event stream"

    status, queue = kiosk.sock("GET", "/v1/queue")
    assert status == 200 and queue["queue"]["depth"] == 1
    # The finished session stays readable by its owner, without the details.
    again = browser.get(f"{kiosk.url}/v1/sessions/{session['id']}", timeout=10).json()
    assert again["step"] == "committed" and "subject" not in again
    assert REFERENCE not in kiosk.log(), "subject data in the daemon's log"


def test_self_service_enrollment_with_a_declined_face(kiosk):
    station = kiosk.browser(station=True)
    session = start(kiosk, station)
    assert session["mode"] == "unattended" and session["station_id"] == "station"
    session = step(station, kiosk, session, "consent", {"version": "2", "accepted": True})
    session = step(station, kiosk, session, "subject", {"fields": {"reference": "S-1"}})
    session = capture_fingers(kiosk, station, session)
    # A station may record only what needs no judgement: the person declined.
    refused = step(station, kiosk, session, "face/exception", {"reason": "bandaged"}, expect=422)
    assert refused["error"] == "not_allowed_unattended"
    session = step(station, kiosk, session, "face/exception", {"reason": "declined"})
    assert session["step"] == "review" and session["face"]["exception"]["reason"] == "declined"
    session = step(station, kiosk, session, "confirm")
    assert session["step"] == "committed"
    # Stations cannot decide duplicates, and an operator cannot touch a station's session.
    operator = kiosk.browser("op1")
    assert operator.get(f"{kiosk.url}/v1/sessions/{session['id']}", timeout=10).status_code == 403
    # The centre's dashboard counts it: one session committed, its two fingers taken and the
    # face declined; the tries at the reader; labels are fixed words, no id or detail.
    metrics = metric_lines(kiosk)
    assert metrics['enrolld_sessions_total{outcome="committed"}'] == 1, metrics
    assert metrics['enrolld_record_captures_total{modality="finger",result="captured"}'] == 2, metrics
    assert metrics['enrolld_record_captures_total{modality="face",result="declined"}'] == 1, metrics
    assert metrics['enrolld_record_duplicate_checks_total{result="no_candidates"}'] == 1, metrics
    assert metrics['enrolld_captures_total{modality="finger",outcome="accepted"}'] == 2, metrics
    assert metrics['enrolld_session_duration_seconds_count{outcome="committed"}'] == 1, metrics
    assert not any("S-1" in name or session["id"] in name for name in metrics)
    # The audit log, read as a data-protection officer would: the station's session from
    # start to record, the consent's proof, the chain checked; no detail of the person.
    audit = kiosk.enrollctl("audit", "--verify")
    assert audit.returncode == 0, audit.stderr
    assert f"session.committed  record {session['record_id']}" in audit.stdout, audit.stdout
    assert "session.started" in audit.stdout and "session.consent" in audit.stdout, audit.stdout
    assert "Chain: holds" in audit.stdout and "S-1" not in audit.stdout, audit.stdout
    page = json.loads(kiosk.enrollctl("audit", "--limit", "2", "--json").stdout)
    assert len(page["entries"]) == 2 and page["next"] == page["entries"][1]["seq"], page
    refused = kiosk.enrollctl("audit", "--limit", "0")
    assert refused.returncode != 0 and "--limit" in refused.stderr, refused.stderr


def metric_lines(kiosk):
    """`/metrics` as {name with labels: value}, the session and capture lines only."""
    with urllib.request.urlopen(kiosk.url + "/metrics", timeout=10) as response:
        text = response.read().decode()
    lines = [line.rsplit(" ", 1) for line in text.splitlines() if line.startswith(("enrolld_session", "enrolld_captures", "enrolld_record_"))]
    return {name: float(value) for name, value in lines}


def test_abort_wipes_and_frees_the_station(kiosk):
    browser = kiosk.browser("op1")
    session = start(kiosk, browser)
    second = browser.post(kiosk.url + "/v1/sessions", timeout=10)
    assert second.status_code == 409 and second.json()["error"] == "session_active" and second.json()["session_id"] == session["id"]
    session = step(browser, kiosk, session, "consent", {"version": "2", "accepted": True})
    session = step(browser, kiosk, session, "subject", {"fields": {"reference": REFERENCE}})
    events = EventReader(browser, f"{kiosk.url}/v1/sessions/{session['id']}/events")
    events.wait_for("step")
    session = step(browser, kiosk, session, "cancel")
    assert session["step"] == "aborted" and session["abort_reason"] == "cancelled" and "subject" not in session
    assert events.wait_for("aborted")["reason"] == "cancelled"
    assert step(browser, kiosk, session, "confirm", expect=409)["error"] == "finished"
    # A refused consent ends the next one at once, nothing kept.
    session = start(kiosk, browser)
    session = step(browser, kiosk, session, "consent", {"version": "2", "accepted": False})
    assert session["step"] == "aborted" and session["abort_reason"] == "consent_refused"
    assert step(browser, kiosk, start(kiosk, browser), "consent", {"version": "0", "accepted": True}, expect=409)["error"] == "consent_version"
    status, queue = kiosk.sock("GET", "/v1/queue")
    assert queue["queue"]["depth"] == 0
    metrics = metric_lines(kiosk)
    assert metrics['enrolld_sessions_total{outcome="cancelled"}'] == 1, metrics
    assert metrics['enrolld_sessions_total{outcome="consent_refused"}'] == 1, metrics
    assert "enrolld_sessions_total{outcome=\"committed\"}" not in metrics


def test_exceptions_need_a_supervisor(kiosk):
    browser = kiosk.browser("op1")
    session = start(kiosk, browser)
    session = step(browser, kiosk, session, "consent", {"version": "2", "accepted": True})
    session = step(browser, kiosk, session, "subject", {"fields": {"reference": "E-1"}})
    # A free-text note is not taken: nothing beyond the reason is kept about the person.
    noted = {"finger": "right_index", "reason": "bandaged", "note": "cast"}
    assert step(browser, kiosk, session, "finger/exception", noted, expect=400)["error"] == "bad_request"
    body = {"finger": "right_index", "reason": "bandaged"}
    assert step(browser, kiosk, session, "finger/exception", body, expect=422)["error"] == "approval_required"
    # Asked for and refused for want of a supervisor: the step now waits for one.
    waiting = browser.get(f"{kiosk.url}/v1/sessions/{session['id']}", timeout=30).json()
    assert waiting["awaiting_supervisor"] is True and waiting["deadline_seconds"] > 120, waiting
    wrong = step(browser, kiosk, session, "finger/exception", {**body, "supervisor": {"operator_id": "sup1", "pin": "0000"}}, expect=401)
    assert wrong["error"] == "login_failed"
    not_supervisor = {**body, "supervisor": {"operator_id": "op1", "pin": PIN}}
    assert step(browser, kiosk, session, "finger/exception", not_supervisor, expect=401)["error"] == "login_failed"
    session = step(browser, kiosk, session, "finger/exception", {**body, "supervisor": {"operator_id": "sup1", "pin": PIN}})
    assert session["fingers"][0]["state"] == "exception" and session["fingers"][0]["exception"]["approved_by"] == "sup1"
    assert session["finger"] == "left_index"
    # A supervisor logged in approves by being the caller.
    supervisor = kiosk.browser("sup1")
    session = step(supervisor, kiosk, session, "finger/exception", {"finger": "left_index", "reason": "missing"})
    assert session["fingers"][1]["exception"]["approved_by"] == "sup1" and session["step"] == "face"
    session = step(supervisor, kiosk, session, "face/exception", {"reason": "declined"})
    assert session["step"] == "review"
    # Exceptions everywhere, nothing captured: the record still commits, saying so.
    assert step(browser, kiosk, session, "confirm")["step"] == "committed"


def enroll_same_fingers(kiosk, browser, reference):
    """Consent, details, both fingers (the same synthetic finger each time), face."""
    session = start(kiosk, browser)
    session = step(browser, kiosk, session, "consent", {"version": "2", "accepted": True})
    session = step(browser, kiosk, session, "subject", {"fields": {"reference": reference}})
    session = capture_fingers(kiosk, browser, session)
    return take_photo(kiosk, browser, session)


def test_the_same_fingers_again_are_found_and_a_supervisor_decides(kiosk):
    """The duplicate check end to end: the first person's fingers go into the gallery at
    commit (libfprint's minutiae, the matcher, the calibrated threshold); the same fingers
    in a second session are found, and only a supervisor may decide."""
    browser = kiosk.browser("op1")
    first = enroll_same_fingers(kiosk, browser, "D-1")
    assert first["step"] == "review", first
    first = step(browser, kiosk, first, "confirm")
    assert first["step"] == "committed"

    second = enroll_same_fingers(kiosk, browser, "D-2")
    assert second["step"] == "duplicate_decision", second
    candidates = second["duplicate_candidates"]
    assert [c["record_id"] for c in candidates] == [first["record_id"]], candidates
    # Two identical fingers: far beyond 1 in 10,000 (the score is -log10 of the rate).
    assert candidates[0]["score"] >= 4, candidates
    decision = {"decision": "not_duplicate"}
    assert step(browser, kiosk, second, "duplicates/decision", decision, expect=422)["error"] == "approval_required"
    supervisor = kiosk.browser("sup1")
    second = step(supervisor, kiosk, second, "duplicates/decision", decision)
    assert second["step"] == "review" and second["duplicate_decision"] == "not_duplicate"
    assert step(browser, kiosk, second, "confirm")["step"] == "committed"


def test_key_csr_is_a_request_openssl_verifies(kiosk):
    """`enrollctl key csr`: the daemon signs a PKCS#10 request with the device key; the
    central CA's openssl verifies it and finds the key `enrollctl key show` reports."""
    import shutil
    import subprocess
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    csr = kiosk.enrollctl("key", "csr")
    assert csr.returncode == 0 and csr.stdout.startswith("-----BEGIN CERTIFICATE REQUEST-----"), csr.stderr
    checked = subprocess.run([openssl, "req", "-verify", "-noout", "-text"], input=csr.stdout, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    shown = kiosk.enrollctl("key", "show", "--json")
    import json
    key = json.loads(shown.stdout)
    assert f"enrolld {key['device_id']}" in checked.stdout, checked.stdout
    assert key["public_key"] in checked.stdout.replace(":", "").replace("\n", "").replace(" ", ""), checked.stdout


def test_lockout_after_repeated_failures(kiosk):
    import requests

    def login(pin):
        return requests.post(kiosk.url + "/v1/auth/login", json={"method": "pin", "operator_id": "op1", "pin": pin},
                             headers={"X-CSRF-Token": "login"}, timeout=30)

    assert [login("0000").status_code for _ in range(3)] == [401, 401, 401]
    locked = login(PIN)
    assert locked.status_code == 429 and locked.json()["error"] == "locked_out"
    assert 1 <= int(locked.headers["Retry-After"]) <= 30
    # Another operator is not affected; unknown ids are counted the same way.
    assert kiosk.browser("sup1") is not None
    assert [login_as(kiosk, "nobody").status_code for _ in range(4)] == [401, 401, 401, 429]
    # The technician sees which account is locked and for how long (the journal does not name
    # it: it goes into support bundles); a mistyped id is not reported as unlocked.
    listed = kiosk.enrollctl("operators", "list")
    op1 = next(line for line in listed.stdout.splitlines() if line.startswith("op1 "))
    assert "LOCKED for" in op1 and "operators unlock op1" in op1, listed.stdout
    assert not any("LOCKED" in line for line in listed.stdout.splitlines() if line.startswith("sup1 ")), listed.stdout
    mistyped = kiosk.enrollctl("operators", "unlock", "opl")
    assert mistyped.returncode != 0 and "No operator opl" in mistyped.stderr, (mistyped.stdout, mistyped.stderr)
    # A technician lifts op1's lock; the right PIN works again at once.
    result = kiosk.enrollctl("operators", "unlock", "op1")
    assert result.returncode == 0 and "Unlocked op1" in result.stdout, result.stderr
    assert login(PIN).status_code == 200
    assert "LOCKED" not in kiosk.enrollctl("operators", "list").stdout


def login_as(kiosk, operator_id):
    import requests
    return requests.post(kiosk.url + "/v1/auth/login", json={"method": "pin", "operator_id": operator_id, "pin": "9999"},
                         headers={"X-CSRF-Token": "login"}, timeout=30)


def test_csrf_origin_and_tokens_in_urls_are_refused(kiosk):
    import requests
    browser = kiosk.browser("op1")
    csrf = browser.headers.pop("X-CSRF-Token")
    no_header = browser.post(kiosk.url + "/v1/sessions", timeout=10)
    assert no_header.status_code == 403 and no_header.json()["error"] == "csrf"
    wrong = browser.post(kiosk.url + "/v1/sessions", headers={"X-CSRF-Token": "x" + csrf}, timeout=10)
    assert wrong.status_code == 403
    hostile = browser.post(kiosk.url + "/v1/sessions", headers={"X-CSRF-Token": csrf, "Origin": "http://evil.example"}, timeout=10)
    assert hostile.status_code == 403 and hostile.json()["error"] == "csrf"
    own = browser.post(kiosk.url + "/v1/sessions", headers={"X-CSRF-Token": csrf, "Origin": kiosk.url}, timeout=10)
    assert own.status_code == 201
    no_login_header = requests.post(kiosk.url + "/v1/auth/login", json={"method": "pin", "operator_id": "op1", "pin": PIN}, timeout=10)
    assert no_login_header.status_code == 403
    token = browser.cookies["enrolld_session"]
    assert requests.get(f"{kiosk.url}/v1/auth/me?token={token}", timeout=10).status_code == 401
    assert requests.get(kiosk.url + "/v1/auth/me", headers={"Authorization": f"Bearer {token}"}, timeout=10).json()["id"] == "op1"
    # After logout the token is worthless.
    assert browser.post(kiosk.url + "/v1/auth/logout", headers={"X-CSRF-Token": csrf}, timeout=10).status_code == 204
    assert requests.get(kiosk.url + "/v1/auth/me", headers={"Authorization": f"Bearer {token}"}, timeout=10).status_code == 401


def test_technicians_on_the_socket_see_no_sessions(kiosk):
    status, body = kiosk.sock("POST", "/v1/sessions")
    assert status == 403
    status, body = kiosk.sock("GET", "/v1/operators")
    assert status == 200 and {o["operator_id"] for o in body["operators"]} == {"op1", "sup1"}
    assert all(set(o) == {"operator_id", "role", "active", "has_finger"} for o in body["operators"])
    removed = kiosk.enrollctl("operators", "remove", "op1")
    assert removed.returncode == 0, removed.stderr
    listed = kiosk.enrollctl("operators", "list")
    assert "op1" in listed.stdout and "removed" in listed.stdout
    assert login_as(kiosk, "op1").status_code == 401


HOSTILE = [
    ("consent", b'{"version": "2", "accepted": tru', 400),
    ("consent", b'{"version": 1, "accepted": true}', 400),
    ("consent", b'{"version": "2", "accepted": "yes"}', 400),
    ("consent", b'{"version": "2", "accepted": true, "extra": 1}', 400),
    ("consent", b"[]", 400),
    ("consent", b"", 400),
    ("subject", b'{"fields": {"reference": 5}}', 400),
    ("subject", b'{"fields": "x"}', 400),
    ("finger", b'{"finger": "right_toe"}', 400),
    ("finger", b'{"finger": null}', 400),
    ("finger/exception", b'{"finger": "right_index", "reason": "bored"}', 400),
    ("face/exception", b'{"reason": "declined", "supervisor": {"operator_id": 3}}', 400),
    ("duplicates/decision", b'{"decision": "maybe"}', 400),
    ("consent", b'{"version": "' + b"a" * 20000 + b'", "accepted": true}', 413),
    ("subject", b'{"fields": {' + b",".join(b'"k%d": "v"' % i for i in range(40)) + b"}}", 400),
]


def test_hostile_bodies_are_refused_without_harm(kiosk):
    browser = kiosk.browser("op1")
    session = start(kiosk, browser)
    for action, body, expected in HOSTILE:
        response = browser.post(f"{kiosk.url}/v1/sessions/{session['id']}/{action}", data=body,
                                headers={"Content-Type": "application/json"}, timeout=30)
        assert response.status_code == expected, f"{action} {body[:60]!r}: {response.status_code} {response.text[:200]}"
        assert response.json()["error"] and response.json()["message"]
    for login in [b'{"method": "pin"}', b'{"method": "pin", "operator_id": "op1", "pin": 4711}', b'{"method": "magic"}',
                  b'{"method": "pin", "operator_id": "' + b"x" * 100 + b'", "pin": "4711"}', b"{" * 5000]:
        response = browser.post(kiosk.url + "/v1/auth/login", data=login, headers={"X-CSRF-Token": "login", "Content-Type": "application/json"}, timeout=10)
        assert response.status_code == 400, f"{login[:60]!r}: {response.status_code}"
    assert browser.get(f"{kiosk.url}/v1/sessions/{'x' * 200}", timeout=10).status_code == 404
    # The session is untouched by all of it.
    assert browser.get(f"{kiosk.url}/v1/sessions/{session['id']}", timeout=10).json()["step"] == "consent"


def test_diagnostics_bundle_holds_no_subject_data(kiosk, tmp_path):
    browser = kiosk.browser("op1")
    session = start(kiosk, browser)
    session = step(browser, kiosk, session, "consent", {"version": "2", "accepted": True})
    session = step(browser, kiosk, session, "subject", {"fields": {"reference": REFERENCE}})
    session = capture_fingers(kiosk, browser, session)
    session = take_photo(kiosk, browser, session)
    assert step(browser, kiosk, session, "confirm")["step"] == "committed"
    bundle = tmp_path / "diag.tar.gz"
    result = kiosk.enrollctl("diagnose", "--output", str(bundle))
    assert result.returncode == 0, result.stderr
    assert (bundle.stat().st_mode & 0o777) == 0o600, oct(bundle.stat().st_mode)
    with tarfile.open(bundle) as archive:
        journal = archive.extractfile("./journal.txt").read().decode()
        # Either enrolld's journal, or a note saying why there is none: never a silent blank.
        assert "enrolld" in journal or "no journal included" in journal, journal[:500]
        if "-- No entries --" in journal:
            # Root reads every journal: the note then says where enrolld logged instead.
            expected = "logs to standard error" if os.geteuid() == 0 else "systemd-journal"
            assert expected in journal and expected in result.stderr, journal[-600:]
        # The configuration file in the technician's own keys, its secret masked (below).
        diagnostics = json.loads(archive.extractfile("./diagnostics.json").read())
        assert "station_token:" in diagnostics["configuration_file"], diagnostics["configuration_file"][:800]
        assert "masked in this bundle" in diagnostics["configuration_file"]
        names = sorted(m.name.lstrip("./") for m in archive.getmembers() if m.isfile())
        assert names == ["diagnostics.json", "journal.txt", "status.json", "versions.txt"]
        for member in archive.getmembers():
            if not member.isfile():
                continue
            data = archive.extractfile(member).read()
            assert REFERENCE.encode() not in data and STATION_TOKEN.encode() not in data
            assert b"\x89PNG" not in data and b"\xff\xd8\xff" not in data, member.name
            assert b"op1" not in data and b"sup1" not in data, member.name


@pytest.mark.parametrize("extra, reason", [
    ("", "central server's keys are not configured"),
    ("storage: {max_queue_mib: 1, min_free_mib: 1}\n", "storage.max_queue_mib"),
])
def test_sessions_are_refused_up_front_when_records_cannot_be_kept(tmp_path, extra, reason):
    if not ENROLLD.exists():
        pytest.skip("enrolld is not built (swift build)")
    kiosk = Kiosk(tmp_path, keys=bool(extra), extra=POLICY, storage=extra or "storage: {min_free_mib: 1}\n")
    try:
        kiosk.add_operator("op1", "operator")
        response = kiosk.browser("op1").post(kiosk.url + "/v1/sessions", timeout=10)
        assert response.status_code == 503 and response.json()["error"] == "not_accepting", response.text
        assert reason in response.json()["message"], response.json()["message"]
        # A technician's first command says so too, not only `enrollctl queue`.
        status = kiosk.enrollctl("status").stdout
        assert "Accepting: no — New enrollments are not accepted" in status and reason in status, status
    finally:
        assert kiosk.stop() == 0


def test_an_abandoned_session_times_out_and_is_wiped(tmp_path):
    if not ENROLLD.exists():
        pytest.skip("enrolld is not built (swift build)")
    kiosk = Kiosk(tmp_path, extra=POLICY.replace("step_timeout_seconds: 120", "step_timeout_seconds: 5"))
    try:
        station = kiosk.browser(station=True)
        session = start(kiosk, station)
        events = EventReader(station, f"{kiosk.url}/v1/sessions/{session['id']}/events")
        # Nobody answers: the ticker ends it after the step's 5 s, without any request.
        assert events.wait_for("aborted", timeout=30)["reason"] == "timed_out"
        after = station.get(f"{kiosk.url}/v1/sessions/{session['id']}", timeout=10).json()
        assert after["step"] == "aborted" and after["abort_reason"] == "timed_out"
        assert start(kiosk, station)["step"] == "consent"
    finally:
        assert kiosk.stop() == 0
