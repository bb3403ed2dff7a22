"""Sync that waits for its TLS files, end to end through the daemon and the real enroll-ingest
over mutual TLS, in the order a new kiosk is set up: installed and started, then the
certificates from central IT put in place. Nobody restarts enrolld.

- started with the client key missing, sync waits: `enrollctl sync` and /v1/status say so
  (`waiting_for_tls_files`, the key, its file, the reason and what to do), the journal once
  at error level; enrollment goes on and the records wait in the outbox;
- `systemctl reload enrolld` (SIGHUP) with nothing changed says so; with the key put in
  place, sync starts at once (journalled once) and delivers the waiting record;
- without SIGHUP the poll finds the files: a wrong key (another kiosk's) is journalled once
  for that change, not at every look, and the right one then starts sync."""

import signal

import pytest
from central_receiver import CentralReceiver, run
from conftest import REPO
from kiosk_daemon import ENROLLD, Kiosk
from test_demo import wait_until
from test_older_database import POLICY, enroll
from test_tls_renewal import install, journal, sync_text

NOT_STARTED = "8538f842d6c248b2bed90d9ec1accf83"
STARTED_LATE = "071d4c4fd9c84af794a8f975d392f6c1"


@pytest.fixture
def waiting(tmp_path):
    """A receiver that knows the kiosk, and an enrolld started with tmp_path/tls (as
    /etc/enrolld/tls) holding the CA and the client certificate but not yet the key."""
    if not ENROLLD.exists():
        pytest.skip("enrolld is not built (swift build)")
    receiver = CentralReceiver(tmp_path / "central")
    pki = receiver.pki
    tls = tmp_path / "tls"
    tls.mkdir()
    install(pki / "ca.pem", tls / "ca.pem")
    install(pki / "kiosk.pem", tls / "kiosk.pem")
    central = receiver.central(tls=tls)
    (tmp_path / "kiosk").mkdir()
    kiosk = Kiosk(tmp_path / "kiosk", keys=False, extra=POLICY + central)
    try:
        kiosk.add_operator("op1", "operator")
        receiver.register(kiosk.socket)
        yield receiver, kiosk, pki, tls
    finally:
        kiosk.stop()
        receiver.stop()


def assert_waiting_for(kiosk, key_file, reason):
    shown = sync_text(kiosk)
    assert "State:        waiting_for_tls_files" in shown, shown
    assert f"central.client_key {key_file}: {reason}" in shown, shown
    assert "systemctl reload enrolld" in shown, shown
    sync = kiosk.sock("GET", "/v1/status")[1]["sync"]
    assert sync["state"] == "waiting_for_tls_files", sync
    assert sync["tls_files_awaited"] == f"central.client_key {key_file}: {reason}", sync


def test_sync_waits_for_a_missing_key_and_starts_on_reload_once_it_is_in_place(waiting):
    receiver, kiosk, pki, tls = waiting
    pid = kiosk.process.pid
    assert_waiting_for(kiosk, tls / "kiosk.key", "no such file")
    entries = journal(kiosk, NOT_STARTED)
    assert len(entries) == 1 and entries[0].startswith("<3>"), kiosk.log()[-3000:]
    assert f"central.client_key {tls / 'kiosk.key'}: no such file" in entries[0], entries[0]

    # Enrollment goes on; the record waits in the outbox.
    enroll(kiosk, "START-1")
    wait_until(lambda: "Backlog:      1 record(s)" in sync_text(kiosk), 30, "the waiting record: " + sync_text(kiosk))
    assert receiver.stored() == []

    # A reload with nothing changed says so, and changes nothing.
    kiosk.process.send_signal(signal.SIGHUP)
    wait_until(lambda: "unchanged and still unusable" in kiosk.log(), 30, "the SIGHUP's answer: " + kiosk.log()[-2000:])
    assert "State:        waiting_for_tls_files" in sync_text(kiosk)

    # The key from central IT, then `systemctl reload enrolld`: sync starts at once.
    install(pki / "kiosk.key", tls / "kiosk.key")
    kiosk.process.send_signal(signal.SIGHUP)
    wait_until(lambda: "Delivered:    1 record" in sync_text(kiosk), 60, "delivered after the reload: " + sync_text(kiosk))
    shown = sync_text(kiosk)
    assert "State:        idle" in shown and "Last error:   none" in shown and "TLS files:" not in shown, shown
    assert "Certificate:  expires in" in shown, shown
    assert [sequence for _, sequence in receiver.stored()] == [1]
    started = journal(kiosk, STARTED_LATE)
    assert len(started) == 1 and started[0].startswith("<5>"), kiosk.log()[-3000:]
    assert "tls_files_awaited" not in kiosk.sock("GET", "/v1/status")[1]["sync"]
    assert len(journal(kiosk, NOT_STARTED)) == 1, kiosk.log()[-3000:]

    # Started late, it is the uploader as usual: the next record goes at once.
    enroll(kiosk, "START-2")
    wait_until(lambda: "Delivered:    2 record" in sync_text(kiosk), 60, "the next record: " + sync_text(kiosk))
    assert kiosk.process.poll() is None and kiosk.process.pid == pid, "enrolld was not restarted"
    assert kiosk.stop() == 0, kiosk.log()[-3000:]


def test_without_a_reload_the_poll_starts_sync_and_a_wrong_key_is_journalled_once(waiting):
    receiver, kiosk, pki, tls = waiting
    enroll(kiosk, "POLL-1")
    # Another kiosk's key beside this kiosk's certificate: found by the poll (every 30 s).
    run(REPO / "scripts" / "provision-issue", pki, "device", "other")
    install(pki / "other.key", tls / "kiosk.key")
    wait_until(lambda: "does not go with the certificate" in sync_text(kiosk), 120, "the wrong key seen: " + sync_text(kiosk))
    shown = sync_text(kiosk)
    assert "State:        waiting_for_tls_files" in shown, shown
    assert f"central.client_key {tls / 'kiosk.key'}: does not go with the certificate" in shown, shown
    entries = journal(kiosk, NOT_STARTED)
    assert len(entries) == 2 and "still cannot start" in entries[1], kiosk.log()[-3000:]

    # The right key: the next poll starts sync, no SIGHUP.
    install(pki / "kiosk.key", tls / "kiosk.key")
    wait_until(lambda: "Delivered:    1 record" in sync_text(kiosk), 120, "delivered after the poll: " + sync_text(kiosk))
    assert [sequence for _, sequence in receiver.stored()] == [1]
    assert len(journal(kiosk, STARTED_LATE)) == 1, kiosk.log()[-3000:]
    # The wrong key was journalled once for its change, not at every look in between.
    assert len(journal(kiosk, NOT_STARTED)) == 2, kiosk.log()[-3000:]
    assert kiosk.stop() == 0, kiosk.log()[-3000:]
