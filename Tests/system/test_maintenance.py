"""Maintenance before a restart, with the real enrolld and enrollctl: `enrollctl maintenance on
--wait` holds new enrollments back (503 `maintenance`, the station out of service with that
code), waits while the open enrollment finishes, returns once none is open, the status says
so, each switch is audited, and a restart ends maintenance."""

import threading
import time
import urllib.request

import pytest
from kiosk_daemon import station_kiosk


@pytest.fixture
def kiosk(tmp_path):
    kiosk = station_kiosk(tmp_path)
    yield kiosk
    assert kiosk.stop() == 0, kiosk.log()[-3000:]


def test_maintenance_waits_for_the_open_enrollment_and_holds_new_ones_back(kiosk):
    station = kiosk.browser(station=True)
    session = station.post(kiosk.url + "/v1/sessions", timeout=30).json()
    assert session["step"] == "consent", session

    waited = {}
    def wait_for_maintenance():
        waited["result"] = kiosk.enrollctl("maintenance", "on", "--wait", "--timeout", "60")
        waited["at"] = time.monotonic()
    waiting = threading.Thread(target=wait_for_maintenance)
    waiting.start()
    deadline = time.monotonic() + 30
    while kiosk.sock("GET", "/v1/maintenance")[1].get("on") is not True:
        assert time.monotonic() < deadline, "maintenance did not come on"
        time.sleep(0.1)

    # New sessions are held back, with their own code; the station says so to staff.
    admission = station.get(kiosk.url + "/v1/sessions/admission", timeout=30).json()
    assert admission["accepting"] is False and admission["error"] == "maintenance", admission
    status = kiosk.enrollctl("status").stdout
    assert "Maintenance: on" in status and "Session: one open" in status, status
    time.sleep(2.5)
    assert waiting.is_alive(), "--wait returned while an enrollment was open"

    # The open enrollment ends (here: the person stops); the wait then returns.
    ended_at = time.monotonic()
    cancelled = station.post(f"{kiosk.url}/v1/sessions/{session['id']}/cancel", timeout=30)
    assert cancelled.status_code == 200, cancelled.text
    waiting.join(30)
    result = waited["result"]
    assert result.returncode == 0, result.stderr
    assert "Waiting for the open enrollment to finish" in result.stdout
    assert "No enrollment is open: enrolld can be restarted or upgraded now" in result.stdout, result.stdout
    assert waited["at"] - ended_at < 10

    refused = station.post(kiosk.url + "/v1/sessions", timeout=30)
    assert refused.status_code == 503 and refused.json()["error"] == "maintenance", refused.text

    # Only a technician on the socket switches it: the kiosk page cannot.
    assert station.post(kiosk.url + "/v1/maintenance", json={"on": False}, timeout=30).status_code == 404
    bad = kiosk.sock("POST", "/v1/maintenance", {"on": "yes"})
    assert bad[0] == 400, bad

    assert maintenance_metric(kiosk) == 1.0
    off = kiosk.enrollctl("maintenance", "off")
    assert off.returncode == 0 and "Maintenance off" in off.stdout, off.stderr
    assert maintenance_metric(kiosk) == 0.0
    assert station.post(kiosk.url + "/v1/sessions", timeout=30).json()["step"] == "consent"

    audit = kiosk.enrollctl("audit").stdout
    assert "maintenance.on" in audit and "maintenance.off" in audit, audit


def test_a_restart_ends_maintenance(kiosk):
    on = kiosk.enrollctl("maintenance", "on", "--wait")
    assert on.returncode == 0, on.stderr
    assert "No enrollment is open" in on.stdout and "Waiting" not in on.stdout, on.stdout
    assert kiosk.stop() == 0, kiosk.log()[-3000:]
    kiosk.start()
    shown = kiosk.enrollctl("maintenance")
    assert shown.returncode == 0 and "Maintenance off" in shown.stdout, shown.stdout + shown.stderr


def maintenance_metric(kiosk):
    """`enrolld_maintenance` from `/metrics`: what fleet monitoring reads."""
    with urllib.request.urlopen(kiosk.url + "/metrics", timeout=10) as response:
        lines = response.read().decode().splitlines()
    values = [line.split()[-1] for line in lines if line.startswith("enrolld_maintenance ")]
    assert len(values) == 1, lines
    return float(values[0])
