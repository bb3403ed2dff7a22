"""Sync problems a technician must see at once, end to end through the daemon and the real
enroll-ingest over mutual TLS: an unregistered kiosk shows "the central server does not
know this kiosk" in `enrollctl sync` (and the journal, at error level) before any record is
queued, and the error goes once central IT registers it; and enrolld stops promptly on
SIGTERM while the central server accepts connections and never answers."""

import signal
import socket
import threading

import pytest
from central_receiver import CentralReceiver
from kiosk_daemon import ENROLLD, Kiosk
from test_demo import wait_until

CENTRAL_TRUST = "b84c4b71bb764808ab308289c7bf1e76"
UNKNOWN = "the central server does not know this kiosk (not registered or revoked): give central IT the output of `enrollctl key show`"


def sync_text(kiosk):
    return kiosk.enrollctl("sync").stdout


@pytest.fixture
def receiver(tmp_path):
    if not ENROLLD.exists():
        pytest.skip("enrolld is not built (swift build)")
    central = CentralReceiver(tmp_path / "central")
    yield central
    central.stop()


def test_an_unregistered_kiosk_is_told_before_any_record_and_clears_once_registered(tmp_path, receiver):
    (tmp_path / "kiosk").mkdir()
    kiosk = Kiosk(tmp_path / "kiosk", keys=False, extra=receiver.central())
    try:
        wait_until(lambda: UNKNOWN in sync_text(kiosk), 60, "the 403 in enrollctl sync: " + sync_text(kiosk))
        shown = sync_text(kiosk)
        assert "Backlog:      0 record(s)" in shown, shown
        assert "State:        backing_off" in shown, shown
        refusals = [line for line in kiosk.log().splitlines() if CENTRAL_TRUST in line]
        assert len(refusals) == 1, kiosk.log()[-3000:]
        assert refusals[0].startswith("<3>"), refusals[0]

        receiver.register(kiosk.socket)
        assert kiosk.enrollctl("sync", "now").returncode == 0
        wait_until(lambda: "Last error:   none" in sync_text(kiosk), 60, "the error cleared: " + sync_text(kiosk))
        assert "State:        idle" in sync_text(kiosk)
    finally:
        kiosk.stop()


class SilentServer:
    """Accepts TCP connections on loopback and never sends a byte (a hung central server)."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.held = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                self.held.append(self.listener.accept()[0])
            except OSError:
                return

    def close(self):
        for connection in self.held:
            connection.close()
        self.listener.close()


def test_sigterm_ends_enrolld_while_the_central_server_never_answers(tmp_path, receiver):
    """The uploader's head check hangs on a server that never answers, with time-outs of five
    minutes: the stop must still come (the bound is generous; speed is measured by
    scripts/bench-stop-central-down, not here)."""
    silent = SilentServer()
    central = receiver.central().replace(f"127.0.0.1:{receiver.port}", f"127.0.0.1:{silent.port}").replace(
        "retry_initial_seconds: 1", "connect_timeout_seconds: 300, read_timeout_seconds: 300, retry_initial_seconds: 1")
    (tmp_path / "kiosk").mkdir()
    kiosk = Kiosk(tmp_path / "kiosk", keys=False, extra=central)
    try:
        wait_until(lambda: silent.held, 60, "the uploader's connection to the silent server")
        kiosk.process.send_signal(signal.SIGTERM)
        assert kiosk.process.wait(timeout=60) == 0, kiosk.log()[-3000:]
    finally:
        kiosk.stop()
        silent.close()
