"""Audit entries survive a crash (real enrolld, real SQLite store): each audited action over
the API (a login, a failed login, a lock-out, a logout) is followed at once by kill -9, and
its entry is in the database file the crash left, and still there once enrolld has started
on it again. A store that refuses to write the audit log makes logins fail closed (503
audit_unavailable, one catalogued journal line) until it is repaired."""

import signal
import sqlite3

import pytest
import requests
from kiosk_daemon import ENROLLD, PIN, Kiosk

POLICY = "access: {pin_iterations: 1000, lockout_after: 2, lockout_seconds: 600}\n"


@pytest.fixture
def kiosk(tmp_path):
    if not ENROLLD.exists():
        pytest.skip("enrolld is not built (swift build)")
    kiosk = Kiosk(tmp_path, keys=False, extra=POLICY)
    kiosk.add_operator("op1", "operator")
    yield kiosk
    kiosk.stop()


def database(kiosk):
    return kiosk.folder / "state" / "enrolld.sqlite"


def audit_log(kiosk):
    """The audit log as a new reader of the file sees it (read-only, the WAL included)."""
    with sqlite3.connect(f"file:{database(kiosk)}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT actor, action FROM audit_log ORDER BY seq").fetchall()


def login(kiosk, pin, operator_id="op1"):
    return requests.post(kiosk.url + "/v1/auth/login", json={"method": "pin", "operator_id": operator_id, "pin": pin},
                         headers={"X-CSRF-Token": "login"}, timeout=30)


def crash(kiosk):
    """kill -9 right after the answer: no graceful stop, no flush, no checkpoint."""
    kiosk.process.send_signal(signal.SIGKILL)
    kiosk.process.wait(timeout=15)
    assert kiosk.process.returncode == -signal.SIGKILL


def test_each_answered_action_survives_a_kill_9(kiosk):
    steps = [
        (lambda: login(kiosk, PIN), 200, [("op1", "login.pin")]),
        (lambda: login(kiosk, "0000"), 401, [("op1", "login.failed")]),
        # Two in a row (the lock-out count lives in memory, a restart resets it): the second
        # locks the id out, and both of its entries are written before its 401.
        (lambda: [login(kiosk, "0001"), login(kiosk, "0002")][-1], 401,
         [("op1", "login.failed"), ("op1", "login.failed"), ("op1", "login.locked_out")]),
        (lambda: login(kiosk, "0000", operator_id="no-such-id"), 401, [("unknown", "login.failed")]),
    ]
    expected = list(audit_log(kiosk))
    for act, status, entries in steps:
        answer = act()
        assert answer.status_code == status, answer.text
        crash(kiosk)
        expected += entries
        assert audit_log(kiosk) == expected, "what the crash left"
        kiosk.start()
        assert audit_log(kiosk) == expected, "after the restart's recovery"

    # A logout, answered, then the crash. (A new login: the one above ended with the daemon.)
    kiosk.sock("POST", "/v1/operators/op1/unlock")
    expected.append(("uid:0", "login.unlocked:op1"))
    session = requests.Session()
    signed_in = session.post(kiosk.url + "/v1/auth/login", json={"method": "pin", "operator_id": "op1", "pin": PIN},
                             headers={"X-CSRF-Token": "login"}, timeout=30)
    assert signed_in.status_code == 200, signed_in.text
    out = session.post(kiosk.url + "/v1/auth/logout", headers={"X-CSRF-Token": signed_in.json()["csrf_token"]}, timeout=30)
    assert out.status_code == 204, out.text
    crash(kiosk)
    expected += [("op1", "login.pin"), ("op1", "logout")]
    actions = audit_log(kiosk)
    assert actions[-3:] == expected[-3:], actions[-4:]
    kiosk.start()
    with sqlite3.connect(f"file:{database(kiosk)}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_store_that_cannot_write_the_audit_log_refuses_logins(kiosk):
    assert login(kiosk, PIN).status_code == 200
    before = audit_log(kiosk)
    # A second connection makes every new audit row fail inside SQLite, as an I/O error
    # or a full disk would fail the daemon's INSERT.
    with sqlite3.connect(database(kiosk)) as connection:
        connection.execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'injected I/O error'); END")

    refused = login(kiosk, PIN)
    assert refused.status_code == 503 and refused.json()["error"] == "audit_unavailable", refused.text
    wrong = login(kiosk, "0000")
    assert wrong.status_code == 503 and wrong.json()["error"] == "audit_unavailable", wrong.text
    # The wrong PIN still counted: the second one locks the id out though nothing was written.
    assert login(kiosk, "0001").status_code == 503
    assert login(kiosk, PIN).status_code == 429
    status, answer = kiosk.sock("POST", "/v1/operators/op1/unlock")
    assert status == 503 and answer["error"] == "audit_unavailable", answer
    assert login(kiosk, PIN).status_code == 429, "the lock-out was not lifted without its entry"
    # One catalogued line per failed write, naming the kind of action and no one.
    log = kiosk.log()
    failures = [line for line in log.splitlines() if "An audit entry could not be written" in line]
    assert len(failures) >= 4, log[-3000:]
    assert not any("op1" in line for line in failures), failures

    with sqlite3.connect(database(kiosk)) as connection:
        connection.execute("DROP TRIGGER refuse_audit")
    assert audit_log(kiosk) == before, "nothing was written, nothing was lost"
    assert kiosk.sock("POST", "/v1/operators/op1/unlock")[0] == 204
    assert login(kiosk, PIN).status_code == 200
    assert audit_log(kiosk)[-2:] == [("uid:0", "login.unlocked:op1"), ("op1", "login.pin")]


def test_a_session_start_and_its_cancel_survive_a_kill_9(tmp_path):
    if not ENROLLD.exists():
        pytest.skip("enrolld is not built (swift build)")
    kiosk = Kiosk(tmp_path, extra="access: {pin_iterations: 1000}\nsession: {fingers: [right_index]}\n")
    try:
        kiosk.add_operator("op1", "operator")
        browser = kiosk.browser("op1")
        started = browser.post(kiosk.url + "/v1/sessions", timeout=30)
        assert started.status_code == 201, started.text
        crash(kiosk)
        assert audit_log(kiosk)[-1] == ("op1", "session.started")
        kiosk.start()

        browser = kiosk.browser("op1")
        session = browser.post(kiosk.url + "/v1/sessions", timeout=30).json()
        cancelled = browser.post(f"{kiosk.url}/v1/sessions/{session['id']}/cancel", timeout=30)
        assert cancelled.status_code == 200, cancelled.text
        crash(kiosk)
        # The session's end (written as it is wiped) and the operator's cancel.
        assert audit_log(kiosk)[-3:] == [("op1", "session.started"), ("op1", "session.aborted.cancelled"), ("op1", "session.cancel")]
        kiosk.start()
    finally:
        kiosk.stop()
