"""The reference central receiver for system tests: `enroll-ingest serve` on loopback over
HTTPS with client certificates, provisioned as `make demo` provisions it (scripts/
provision-ca and provision-issue for the PKI, `enroll-ingest keygen` for its keys), with a
SQLite database the test reads; and the `central:` section that points an enrolld at it."""

import contextlib
import socket
import sqlite3
import subprocess
import time

import pytest
from conftest import REPO, require_tool

INGEST = REPO / ".build" / "debug" / "enroll-ingest"
ENROLLCTL = REPO / ".build" / "debug" / "enrollctl"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args):
    result = subprocess.run([str(a) for a in args], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{args[0]}: {result.stderr[-2000:]}"
    return result.stdout


class CentralReceiver:
    """enroll-ingest in `folder` (pki/, ingest/), serving until stop()."""

    def __init__(self, folder):
        require_tool("openssl")
        if not INGEST.exists():
            pytest.skip("enroll-ingest is not built (swift build --product enroll-ingest)")
        self.folder = folder
        self.pki = folder / "pki"
        self.data = folder / "ingest"
        run(REPO / "scripts" / "provision-ca", self.pki, "enrolld test CA")
        run(REPO / "scripts" / "provision-issue", self.pki, "server", "server")
        run(REPO / "scripts" / "provision-issue", self.pki, "device", "kiosk")
        run(INGEST, "keygen", "--directory", self.data)
        self.devices = self.data / "devices.txt"
        self.devices.touch()
        self.database = self.data / "ingest.sqlite"
        self.port = free_port()
        self.log = open(folder / "enroll-ingest.log", "w+")
        self.start()

    def start(self):
        """Serves on self.port until stop(); again after a stop (a receiver that was down)."""
        self.process = subprocess.Popen(
            [INGEST, "serve", "--port", str(self.port), "--certificate", self.pki / "server.pem", "--key", self.pki / "server.key",
             "--client-ca", self.pki / "ca.pem", "--devices", self.devices, "--receipt-key", self.data / "receipt.key",
             "--open-key", self.data / "sealing.key", "--database", self.database],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"enroll-ingest exited: {self.output()[-2000:]}"
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        pytest.fail("enroll-ingest did not listen within 60 s")

    def command(self, *args):
        """An operator's enroll-ingest command on this receiver's registration file and
        database (list, accept-gap, ...), as central IT types it; the finished process."""
        return subprocess.run([str(INGEST), *[str(a) for a in args], "--devices", str(self.devices), "--database", str(self.database)],
                              cwd=REPO, capture_output=True, text=True, timeout=120)

    def central(self, batch_records=20, tls=None):
        """The enrolld configuration's `central:` section for this receiver (short back-off,
        so a test does not wait long for a retry). `tls`: a folder the kiosk's TLS files
        are read from instead of the PKI's (ca.pem, kiosk.pem, kiosk.key, as
        /etc/enrolld/tls), for tests that put files there themselves."""
        files = tls or self.pki
        seal = (self.data / "sealing.pub").read_text().strip()
        receipt = (self.data / "receipt.pub").read_text().strip()
        return (f"central: {{url: \"https://127.0.0.1:{self.port}\", sealing_public_key: \"{seal}\", receipt_public_key: \"{receipt}\", "
                f"ca_file: \"{files / 'ca.pem'}\", client_certificate: \"{files / 'kiosk.pem'}\", "
                f"client_key: \"{files / 'kiosk.key'}\", batch_records: {batch_records}, "
                "retry_initial_seconds: 1, retry_maximum_seconds: 2}\n")

    def register(self, socket_path, replace=False):
        """Registers the device key the running enrolld on `socket_path` shows (as a
        technician reads it with `enrollctl key show`) with the kiosk's client certificate."""
        shown = run(ENROLLCTL, "key", "show", "--socket", socket_path)
        key = next(line.split()[2] for line in shown.splitlines() if "Public key:" in line)
        run(INGEST, "register", "--devices", self.devices, "--device-key", key,
            "--client-certificate", self.pki / "kiosk.pem", "--label", "test-kiosk", *(["--replace"] if replace else []))
        return key

    def stored(self):
        """The records stored, as (device id hex, sequence), as the receiver's database holds them."""
        if not self.database.exists():
            return []
        connection = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)
        try:
            return [(bytes(row[0]).hex(), row[1]) for row in
                    connection.execute("SELECT device_id, sequence FROM records ORDER BY received_at, sequence")]
        except sqlite3.OperationalError:  # the table is made at the first upload
            return []
        finally:
            connection.close()

    def output(self):
        self.log.flush()
        return (self.folder / "enroll-ingest.log").read_text()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        return self.process.returncode


@contextlib.contextmanager
def registered_kiosk(folder, policy, operators, storage="storage: {min_free_mib: 1}\n"):
    """A receiver in folder/central and an enrolld in folder/kiosk on `policy` and
    `storage`, registered with it and with these (id, role) operators; both stopped
    afterwards."""
    from kiosk_daemon import ENROLLD, Kiosk
    if not ENROLLD.exists():
        pytest.skip("enrolld is not built (swift build)")
    receiver = CentralReceiver(folder / "central")
    (folder / "kiosk").mkdir()
    kiosk = None
    try:
        kiosk = Kiosk(folder / "kiosk", keys=False, extra=policy + receiver.central(), storage=storage)
        for operator_id, role in operators:
            kiosk.add_operator(operator_id, role)
        receiver.register(kiosk.socket)
        yield receiver, kiosk
    finally:
        if kiosk is not None:
            kiosk.stop()
        receiver.stop()
