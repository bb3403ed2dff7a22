"""Operators' fingerprint login through the running daemon and libfprint's virtual reader:
a technician enrolls an operator's finger with `enrollctl operators enroll-finger` (the
reader's own multi-stage enrollment, synthetic impressions of one finger), the operator
logs in by touching the reader (with and without typing an id), another finger is refused,
repeated refusals lock out, a removed operator's finger is forgotten, and a reloaded page
gets its CSRF token back from /v1/auth/me."""

import threading
import time

import pytest
import requests
from finger_presenting import keep_presenting
from kiosk_daemon import kiosk_with_staff

POLICY = (
    "session: {fingers: [right_index], required_fields: [], optional_fields: [], step_timeout_seconds: 120}\n"
    "access: {pin_iterations: 1000, lockout_after: 3, lockout_seconds: 30}\n"
)
OPERATOR_FINGER = 5   # synthetic finger number; its impressions differ like real touches
OTHER_FINGER = 11


@pytest.fixture
def kiosk(tmp_path):
    kiosk = kiosk_with_staff(tmp_path, POLICY)
    yield kiosk
    assert kiosk.stop() == 0, kiosk.log()[-3000:]


def enroll(kiosk, operator_id, finger=OPERATOR_FINGER, which="right_index"):
    finished = threading.Event()
    result = {}

    def run():
        result["enrolled"] = kiosk.enrollctl("operators", "enroll-finger", operator_id, "--finger", which)
        finished.set()

    thread = threading.Thread(target=run)
    thread.start()
    taken = keep_presenting(kiosk.enrollctl, finished.is_set, finger)
    thread.join(120)
    return result["enrolled"], taken


def login_by_finger(kiosk, finger, impression, operator_id=None):
    """A fingerprint login as the kiosk page sends it, with `finger` put on the reader."""
    body = {"method": "fingerprint"} if operator_id is None else {"method": "fingerprint", "operator_id": operator_id}
    finished = threading.Event()
    result = {}

    def run():
        result["response"] = requests.post(kiosk.url + "/v1/auth/login", json=body, headers={"X-CSRF-Token": "login"}, timeout=90)
        finished.set()

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 60
    while not finished.is_set() and time.monotonic() < deadline:
        if kiosk.enrollctl("demo", "present", "--synthetic", f"{finger}:{impression}").returncode == 0:
            break
        time.sleep(0.1)
    thread.join(90)
    return result["response"]


def test_an_enrolled_operator_logs_in_by_finger_and_others_are_refused(kiosk):
    # Before any enrollment the kiosk says so at once, without waiting for a finger.
    none = requests.post(kiosk.url + "/v1/auth/login", json={"method": "fingerprint"}, headers={"X-CSRF-Token": "login"}, timeout=10)
    assert none.status_code == 404 and none.json()["error"] == "not_configured", none.text

    enrolled, taken = enroll(kiosk, "op1")
    assert enrolled.returncode == 0, enrolled.stderr
    assert "Enrolled op1's right index finger" in enrolled.stdout
    assert taken >= 2, "the reader asked for a single touch only"
    status, listed = kiosk.sock("GET", "/v1/operators")
    assert {o["operator_id"]: o["has_finger"] for o in listed["operators"]} == {"op1": True, "sup1": False}
    assert "finger enrolled" in kiosk.enrollctl("operators", "list").stdout

    # A new touch of the same finger (an impression not used to enroll) logs op1 in.
    response = login_by_finger(kiosk, OPERATOR_FINGER, 40)
    assert response.status_code == 200, response.text
    principal = response.json()["principal"]
    assert principal["id"] == "op1" and principal["role"] == "operator" and principal["via"] == "fingerprint"
    assert "HttpOnly" in response.headers["Set-Cookie"]
    # …also when op1 types the id first.
    assert login_by_finger(kiosk, OPERATOR_FINGER, 41, operator_id="op1").status_code == 200

    # Someone else's finger is refused; an operator without a finger is told to use the PIN.
    refused = login_by_finger(kiosk, OTHER_FINGER, 0)
    assert refused.status_code == 401 and refused.json()["error"] == "login_failed", refused.text
    no_finger = requests.post(kiosk.url + "/v1/auth/login", json={"method": "fingerprint", "operator_id": "sup1"},
                              headers={"X-CSRF-Token": "login"}, timeout=10)
    assert no_finger.status_code == 404 and "PIN" in no_finger.json()["message"]

    # The log says that a finger was enrolled, not whose: staff ids stay in the audit log.
    log = kiosk.log()
    assert "An operator's finger was enrolled" in log
    assert not any("op1" in line and "enrolled" in line for line in log.splitlines())


def test_repeated_wrong_fingers_lock_the_reader_but_not_the_pin(kiosk):
    enrolled, _ = enroll(kiosk, "op1")
    assert enrolled.returncode == 0, enrolled.stderr
    codes = [login_by_finger(kiosk, OTHER_FINGER, i).status_code for i in range(3)]
    assert codes == [401, 401, 401]
    # The fourth try is refused before the reader is used: no finger needs to be placed.
    locked = requests.post(kiosk.url + "/v1/auth/login", json={"method": "fingerprint"}, headers={"X-CSRF-Token": "login"}, timeout=10)
    assert locked.status_code == 429 and locked.json()["error"] == "locked_out"
    assert 1 <= int(locked.headers["Retry-After"]) <= 30
    # PIN logins go on.
    assert kiosk.browser("op1") is not None


def test_a_removed_operators_finger_is_forgotten(kiosk):
    enrolled, _ = enroll(kiosk, "op1")
    assert enrolled.returncode == 0, enrolled.stderr
    assert kiosk.enrollctl("operators", "remove", "op1").returncode == 0
    status, listed = kiosk.sock("GET", "/v1/operators")
    assert {o["operator_id"]: o["has_finger"] for o in listed["operators"]}["op1"] is False
    gone = requests.post(kiosk.url + "/v1/auth/login", json={"method": "fingerprint"}, headers={"X-CSRF-Token": "login"}, timeout=10)
    assert gone.status_code == 404 and gone.json()["error"] == "not_configured"
    # Enrolling for an unknown or removed account is refused before the reader is used.
    unknown = kiosk.enrollctl("operators", "enroll-finger", "nobody")
    assert unknown.returncode != 0 and "404" in unknown.stderr


@pytest.mark.parametrize("body, status", [
    (b"{", 400), (b"[]", 400), (b'{"finger": "sixth_finger"}', 400), (b'{"finger": 3}', 400),
    (b'{"finger": "right_index", "extra": 1}', 400), (b"x" * 20000, 413),
])
def test_hostile_enroll_bodies_are_refused_before_the_reader(kiosk, body, status):
    from kiosk_daemon import UnixHTTPConnection
    connection = UnixHTTPConnection(kiosk.socket, timeout=10)
    connection.request("POST", "/v1/operators/op1/finger", body=body, headers={"Content-Type": "application/json", "Connection": "close"})
    response = connection.getresponse()
    assert response.status == status, response.read()
    connection.close()


def test_a_reloaded_page_gets_its_csrf_token_back_from_me(kiosk):
    browser = kiosk.browser("op1")
    token = browser.headers["X-CSRF-Token"]
    reloaded = requests.Session()
    reloaded.cookies.update(browser.cookies)
    me = reloaded.get(kiosk.url + "/v1/auth/me", timeout=10).json()
    assert me["id"] == "op1" and me["csrf_token"] == token
    # With it, the reloaded page can act; without a cookie, /me answers 401 and shows nothing.
    assert reloaded.post(kiosk.url + "/v1/sessions", headers={"X-CSRF-Token": me["csrf_token"]}, timeout=10).status_code == 201
    anonymous = requests.get(kiosk.url + "/v1/auth/me", timeout=10)
    assert anonymous.status_code == 401 and "csrf_token" not in anonymous.text


def reader_health(kiosk):
    status, body = kiosk.sock("GET", "/v1/devices")
    readers = [d for d in body["devices"] if d["kind"] == "fingerprint_reader"]
    return readers[0]["health"] if readers else None


def wait_until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def cancel_login(kiosk, headers=None):
    return requests.post(kiosk.url + "/v1/auth/login/cancel", headers={"X-CSRF-Token": "login"} if headers is None else headers, timeout=10)


def test_a_waiting_fingerprint_login_can_be_called_off(kiosk):
    enrolled, _ = enroll(kiosk, "op1")
    assert enrolled.returncode == 0, enrolled.stderr
    # Nothing waits: the same answer, nothing happens.
    assert cancel_login(kiosk).status_code == 204
    # Without the login header a cross-site form cannot call it.
    assert cancel_login(kiosk, headers={}).status_code == 403

    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("response", requests.post(
        kiosk.url + "/v1/auth/login", json={"method": "fingerprint"}, headers={"X-CSRF-Token": "login"}, timeout=90)))
    thread.start()
    assert wait_until(lambda: reader_health(kiosk) == "busy"), "the login never used the reader"
    assert cancel_login(kiosk).status_code == 204
    thread.join(20)
    assert not thread.is_alive(), "the login still waits after the cancel"
    assert result["response"].status_code == 409 and result["response"].json()["error"] == "cancelled", result["response"].text
    assert wait_until(lambda: reader_health(kiosk) == "ready")
    # Not a failed login, and the reader works for the next one.
    assert login_by_finger(kiosk, OPERATOR_FINGER, 42).status_code == 200


def test_calling_off_a_login_never_touches_a_sessions_capture(kiosk):
    browser = kiosk.browser("op1")
    session = browser.post(kiosk.url + "/v1/sessions", timeout=30).json()
    session = browser.post(f"{kiosk.url}/v1/sessions/{session['id']}/consent", json={"version": session["consent_version"], "accepted": True}, timeout=30).json()
    if session["step"] == "subject":  # no fields asked, but the step is still confirmed
        session = browser.post(f"{kiosk.url}/v1/sessions/{session['id']}/subject", json={"fields": {}}, timeout=30).json()
    assert session["step"] == "finger", session

    def capture():
        result = {}
        thread = threading.Thread(target=lambda: result.setdefault("response", browser.post(
            f"{kiosk.url}/v1/sessions/{session['id']}/finger", json={"finger": "right_index"}, timeout=90)))
        thread.start()
        assert wait_until(lambda: reader_health(kiosk) == "busy")
        assert cancel_login(kiosk).status_code == 204
        time.sleep(1)
        assert thread.is_alive(), "the capture ended when a login was called off"
        assert wait_until(lambda: kiosk.enrollctl("demo", "present", "--synthetic", "3").returncode == 0)
        thread.join(60)
        return result["response"]

    response = capture()
    assert response.status_code == 200 and response.json()["outcome"] in ("accepted", "rejected"), response.text
