"""`POST /v1/sessions/{id}/finger/cancel` and `GET /v1/sessions/admission` on the running
daemon with libfprint's virtual reader: a person declines while the reader waits (the
capture answers 409 cancelled, no attempt counted, the reader is free at once), the call is
harmless when nothing waits, and refuses wrong sessions, wrong callers and hostile bodies;
a kiosk without a reader refuses sessions with 503 no_device and says so beforehand."""

import threading

import pytest
import requests
from kiosk_daemon import EventReader, kiosk_with_staff
from kiosk_ui_support import Daemon

POLICY = (
    "session: {fingers: [right_index, left_index], required_fields: [reference], step_timeout_seconds: 120}\n"
    "access: {station_token: station-secret-0123456789, pin_iterations: 1000}\n"
)


@pytest.fixture
def kiosk(tmp_path):
    kiosk = kiosk_with_staff(tmp_path, POLICY)
    kiosk.add_operator("op2", "operator")
    yield kiosk
    assert kiosk.stop() == 0, kiosk.log()[-3000:]


def at_the_first_finger(kiosk, browser):
    response = browser.post(kiosk.url + "/v1/sessions", timeout=30)
    assert response.status_code == 201, response.text
    session = response.json()
    base = f"{kiosk.url}/v1/sessions/{session['id']}"
    assert browser.post(base + "/consent", json={"version": session["consent_version"], "accepted": True}, timeout=30).status_code == 200
    session = browser.post(base + "/subject", json={"fields": {"reference": "R-77"}}, timeout=30).json()
    assert session["step"] == "finger" and session["finger"] == "right_index", session
    return session, base


def waiting_capture(kiosk, browser, session, base):
    """A capture request in the background; returns once the reader waits for the finger."""
    events = EventReader(browser, base + "/events")
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault(
        "response", browser.post(base + "/finger", json={"finger": session["finger"]}, timeout=90)))
    thread.start()
    events.wait_for("finger_needed")
    return thread, result


@pytest.mark.parametrize("station", [False, True])
def test_a_waiting_capture_is_called_off_without_counting_an_attempt(kiosk, station):
    browser = kiosk.browser(station=True) if station else kiosk.browser("sup1")
    session, base = at_the_first_finger(kiosk, browser)
    thread, result = waiting_capture(kiosk, browser, session, base)
    called_off = browser.post(base + "/finger/cancel", timeout=30)
    assert called_off.status_code == 204 and not called_off.content, called_off.text
    thread.join(60)
    answer = result["response"]
    assert answer.status_code == 409 and answer.json()["error"] == "cancelled", answer.text
    after = browser.get(base, timeout=10).json()
    assert after["step"] == "finger" and after["finger"] == "right_index"
    assert after["fingers"][0]["attempts"] == 0, after["fingers"]
    # The person declines that finger; the reader is free at once for the next one.
    declined = browser.post(base + "/finger/exception", json={"finger": "right_index", "reason": "declined"}, timeout=30)
    assert declined.status_code == 200, declined.text
    assert declined.json()["finger"] == "left_index"
    response = kiosk.present_while(lambda: browser.post(base + "/finger", json={"finger": "left_index"}, timeout=60), finger=2)
    assert response.status_code == 200 and response.json()["outcome"] in ("accepted", "retry"), response.text
    assert browser.post(base + "/cancel", timeout=30).json()["step"] == "aborted"


def test_calling_off_is_harmless_when_nothing_waits_and_refuses_the_wrong_caller(kiosk):
    browser = kiosk.browser("op1")
    session, base = at_the_first_finger(kiosk, browser)
    assert browser.post(base + "/finger/cancel", timeout=10).status_code == 204
    assert browser.post(base + "/finger/cancel", data=b"{}", headers={"Content-Type": "application/json"}, timeout=10).status_code == 204
    # Wrong session ids, another operator, no login, no CSRF token, another site's page.
    for wrong in ("00000000-0000-0000-0000-000000000000", "x" * 200):
        response = browser.post(f"{kiosk.url}/v1/sessions/{wrong}/finger/cancel", timeout=10)
        assert response.status_code == 404, f"{wrong}: {response.status_code} {response.text}"
    other = kiosk.browser("op2").post(base + "/finger/cancel", timeout=10)
    assert other.status_code == 403 and other.json()["error"] == "forbidden", other.text
    assert requests.post(base + "/finger/cancel", timeout=10).status_code == 401
    token = browser.headers.pop("X-CSRF-Token")
    assert browser.post(base + "/finger/cancel", timeout=10).json()["error"] == "csrf"
    evil = browser.post(base + "/finger/cancel", headers={"X-CSRF-Token": token, "Origin": "http://evil.example"}, timeout=10)
    assert evil.status_code == 403 and evil.json()["error"] == "csrf"
    browser.headers["X-CSRF-Token"] = token
    # Hostile bodies: the route takes none.
    for body, expected in [(b'{"finger": "right_index"}', 400), (b"[]", 400), (b"{", 400), (b'"x"', 400),
                           (b"{" * 5000, 400), (b" " * 20000, 413), (b'{"a": "' + b"x" * 17000 + b'"}', 413)]:
        response = browser.post(base + "/finger/cancel", data=body, headers={"Content-Type": "application/json"}, timeout=10)
        assert response.status_code == expected, f"{body[:40]!r}: {response.status_code} {response.text[:200]}"
        assert response.json()["error"] in ("bad_request", "too_large")
    # Nothing of it touched the session: the capture runs and counts as usual.
    after = browser.get(base, timeout=10).json()
    assert after["step"] == "finger" and after["fingers"][0]["attempts"] == 0
    response = kiosk.present_while(lambda: browser.post(base + "/finger", json={"finger": "right_index"}, timeout=60), finger=1)
    assert response.status_code == 200, response.text


def test_without_a_reader_sessions_are_refused_and_admission_says_why(tmp_path):
    daemon = Daemon(tmp_path, access=POLICY, reader=False)
    try:
        station = requests.Session()
        login = station.post(daemon.url + "/v1/auth/login", json={"method": "station", "station_token": "station-secret-0123456789"},
                             headers={"X-CSRF-Token": "login"}, timeout=30)
        assert login.status_code == 200, login.text
        station.headers["X-CSRF-Token"] = login.json()["csrf_token"]
        admission = station.get(daemon.url + "/v1/sessions/admission", timeout=10)
        assert admission.status_code == 200, admission.text
        assert admission.json()["accepting"] is False and admission.json()["error"] == "no_device", admission.json()
        refused = station.post(daemon.url + "/v1/sessions", timeout=10)
        assert refused.status_code == 503 and refused.json()["error"] == "no_device", refused.text
        assert requests.get(daemon.url + "/v1/sessions/admission", timeout=10).status_code == 401
    finally:
        assert daemon.stop() == 0
