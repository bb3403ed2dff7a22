"""A self-service station through daemon restarts (real enrolld, real SQLite store): its
login outlives a stop and start, the welcome page's next start works, an open session ends
with an audit entry and one journal line, `enrollctl station logout-all` signs stations out
for good, and the store file holds no token."""

import sqlite3

import pytest
from kiosk_daemon import STATION_TOKEN, UnixHTTPConnection, station_kiosk

REFERENCE = "REF-PRIVATE-4412"


def restart(kiosk):
    """Stops enrolld with SIGTERM (as systemd does) and starts it again on the same
    configuration, state and port."""
    assert kiosk.stop() == 0, kiosk.log()[-3000:]
    kiosk.start()


def database(kiosk):
    return kiosk.folder / "state" / "enrolld.sqlite"


def stored(kiosk, sql):
    """A query on the store while the daemon is stopped (read-only, its WAL included)."""
    with sqlite3.connect(f"file:{database(kiosk)}?mode=ro", uri=True) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def kiosk(tmp_path):
    kiosk = station_kiosk(tmp_path)
    yield kiosk
    assert kiosk.stop() == 0, kiosk.log()[-3000:]


def test_a_signed_in_station_still_starts_sessions_after_a_restart(kiosk):
    station = kiosk.browser(station=True)
    session = station.post(kiosk.url + "/v1/sessions", timeout=30).json()
    assert session["step"] == "consent"
    answered = station.post(f"{kiosk.url}/v1/sessions/{session['id']}/consent", json={"version": "2", "accepted": True}, timeout=30)
    assert answered.status_code == 200, answered.text
    answered = station.post(f"{kiosk.url}/v1/sessions/{session['id']}/subject", json={"fields": {"reference": REFERENCE}}, timeout=30)
    assert answered.json()["step"] == "finger", answered.text
    # What a technician checks before restarting: a session is open (nothing about whom).
    status = kiosk.enrollctl("status")
    assert "Session: one open; a restart or upgrade now would end it" in status.stdout, status.stdout
    assert REFERENCE not in status.stdout

    restart(kiosk)

    # The interrupted session: one catalogued journal line with its id and the reason, one
    # audit entry, nothing of the person in the log.
    log = kiosk.log()
    ended = [line for line in log.splitlines() if "ended because enrolld is stopping" in line]
    assert len(ended) == 1, log[-3000:]
    assert session["id"] in ended[0] and "daemon stopping" in ended[0]
    assert REFERENCE not in log
    # The same cookie and CSRF header (the page keeps both in memory) still work.
    me = station.get(kiosk.url + "/v1/auth/me", timeout=30)
    assert me.status_code == 200 and me.json()["role"] == "station", me.text
    assert me.json()["csrf_token"] == station.headers["X-CSRF-Token"]
    # The old session is gone (the page goes back to its welcome screen on this 404) …
    assert station.get(f"{kiosk.url}/v1/sessions/{session['id']}", timeout=30).status_code == 404
    # … and the welcome page's start works without anyone signing the station in again.
    again = station.post(kiosk.url + "/v1/sessions", timeout=30)
    assert again.status_code == 201 and again.json()["mode"] == "unattended", again.text
    assert station.post(f"{kiosk.url}/v1/sessions/{again.json()['id']}/cancel", timeout=30).status_code == 200

    assert kiosk.stop() == 0
    actions = [row[0] for row in stored(kiosk, "SELECT action FROM audit_log ORDER BY seq")]
    assert actions.count("session.aborted.daemon_stopping") == 1, actions
    assert actions.count("session.aborted.cancelled") == 1, actions
    # Only a hash of the token: neither it, the CSRF token nor the station key is in the files.
    rows = stored(kiosk, "SELECT token_hash, role FROM station_logins")
    assert len(rows) == 1 and len(rows[0][0]) == 32 and rows[0][1] == "station"
    token = station.cookies["enrolld_session"]
    for path in database(kiosk).parent.glob("enrolld.sqlite*"):
        content = path.read_bytes()
        for secret in (token, station.headers["X-CSRF-Token"], STATION_TOKEN):
            assert secret.encode() not in content, f"{secret[:4]}… in {path.name}"


def test_a_technician_signs_every_station_out_for_good(kiosk):
    first = kiosk.browser(station=True)
    second = kiosk.browser(station=True)
    staff_check = first.get(kiosk.url + "/v1/auth/me", timeout=30)
    assert staff_check.status_code == 200

    done = kiosk.enrollctl("station", "logout-all")
    assert done.returncode == 0, done.stderr
    assert "Signed out 2 station logins." in done.stdout
    for browser in (first, second):
        assert browser.get(kiosk.url + "/v1/auth/me", timeout=30).status_code == 401
    restart(kiosk)
    for browser in (first, second):
        assert browser.get(kiosk.url + "/v1/auth/me", timeout=30).status_code == 401
    # Only a technician may: the loopback listener does not serve it at all.
    refused = first.post(kiosk.url + "/v1/stations/logout", timeout=30)
    assert refused.status_code in (401, 404, 405), refused.text
    # The operation takes no fields: anything else is refused before it acts.
    status, answer = kiosk.sock("POST", "/v1/stations/logout", body={"all": "'; DROP TABLE station_logins;--"})
    assert status == 400 and answer["error"] == "bad_request", answer
    for junk, expected in ((b"{", 400), (b"\xff\xfe not json", 400), (b"[]", 400), (b"x" * (64 << 10), 413)):
        connection = UnixHTTPConnection(kiosk.socket, timeout=30)
        connection.request("POST", "/v1/stations/logout", body=junk, headers={"Connection": "close", "Content-Type": "application/json"})
        response = connection.getresponse()
        assert response.status == expected, (junk[:8], response.status)
        response.read()
        connection.close()
    status, answer = kiosk.sock("POST", "/v1/stations/logout", body={})
    assert status == 200 and answer == {"revoked": 0}
    assert kiosk.stop() == 0
    assert stored(kiosk, "SELECT count(*) FROM station_logins") == [(0,)]
    assert any(row[0] == "station.logins_revoked" for row in stored(kiosk, "SELECT action FROM audit_log"))


def test_a_changed_station_key_ends_the_kept_logins(kiosk):
    station = kiosk.browser(station=True)
    assert kiosk.stop() == 0
    config = kiosk.folder / "enrolld.yaml"
    config.write_text(config.read_text().replace(STATION_TOKEN, "another-station-key-0123456789"))
    restart(kiosk)
    assert station.get(kiosk.url + "/v1/auth/me", timeout=30).status_code == 401
