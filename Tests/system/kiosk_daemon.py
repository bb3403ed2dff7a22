"""A running enrolld with the virtual reader and the virtual camera, for the session tests:
the socket as a technician's HTTP client, loopback logins, and fingers put on the reader."""

import http.client
import json
import os
import socket
import subprocess
import threading
import time

import requests
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from conftest import REPO

ENROLLD = REPO / ".build" / "debug" / "enrolld"
ENROLLCTL = REPO / ".build" / "debug" / "enrollctl"
STATION_TOKEN = "station-secret-0123456789"
PIN = "4711"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def central_keys():
    seal = x25519.X25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    receipt = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return f'central: {{sealing_public_key: "{seal.hex()}", receipt_public_key: "{receipt.hex()}"}}\n'


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=60):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


class KioskClient:
    """What a technician and the kiosk page do with a running enrolld: its socket and its
    loopback URL (the methods below)."""

    def __init__(self, socket_path, url):
        self.socket = socket_path
        self.url = url


    # --- the socket, as root or the daemon's own user: a technician ---

    def sock(self, method, path, body=None, timeout=60):
        connection = UnixHTTPConnection(self.socket, timeout=timeout)
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Connection": "close"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        return response.status, (json.loads(payload) if payload.startswith(b"{") else payload)

    def enrollctl(self, *args, stdin=None):
        return subprocess.run([ENROLLCTL, *args, "--socket", self.socket], input=stdin, capture_output=True, text=True, timeout=60)

    def add_operator(self, operator_id, role):
        result = self.enrollctl("operators", "add", operator_id, "--role", role, "--pin-stdin", stdin=PIN + "\n")
        assert result.returncode == 0, result.stderr

    # --- loopback, as the kiosk browser ---

    def browser(self, operator_id=None, station=False):
        """A requests session logged in like the kiosk page: cookie plus CSRF header."""
        session = requests.Session()
        body = {"method": "station", "station_token": STATION_TOKEN} if station else {"method": "pin", "operator_id": operator_id, "pin": PIN}
        response = session.post(self.url + "/v1/auth/login", json=body, headers={"X-CSRF-Token": "login"}, timeout=30)
        assert response.status_code == 200, response.text
        assert "HttpOnly" in response.headers["Set-Cookie"] and "SameSite=Strict" in response.headers["Set-Cookie"]
        session.headers["X-CSRF-Token"] = response.json()["csrf_token"]
        return session

    def present_while(self, request, finger=3, timeout=30):
        """Runs `request` (a capture that waits for a finger) and puts a synthetic finger
        on the virtual reader as soon as the reader waits; returns the request's response."""
        result = {}
        thread = threading.Thread(target=lambda: result.setdefault("response", request()))
        thread.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and thread.is_alive():
            presented = self.enrollctl("demo", "present", "--synthetic", str(finger))
            if presented.returncode == 0:
                break
            time.sleep(0.2)
        thread.join(timeout)
        assert "response" in result, "the capture did not answer"
        return result["response"]


class Kiosk(KioskClient):
    """An enrolld of its own in `folder`, with the virtual reader and camera."""

    def __init__(self, folder, keys=True, extra="", storage="storage: {min_free_mib: 1}\n"):
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.socket = str(folder / "run" / "api.sock")
        config = folder / "enrolld.yaml"
        config.write_text(
            "version: 1\n"
            f"daemon: {{state_directory: {folder}/state, runtime_directory: {folder}/run, shutdown_timeout_seconds: 5}}\n"
            f"api: {{socket: {self.socket}, socket_group: \"\", http_port: {self.port}}}\n"
            "logging: {target: stderr, level: info}\n"
            + storage
            + ""
            f"fingerprint: {{finger_timeout_seconds: 30, virtual_image_socket: {folder}/run/fp.sock}}\n"
            # The virtual camera shows no face; the face checks are tested on photographs
            # (Tests/FaceAnalysisTests), here the flow is.
            "quality: {face_checks: false}\n"
            + (central_keys() if keys else "")
            + extra
        )
        self.stderr = open(folder / "enrolld.stderr", "w+")
        self.start()

    def start(self):
        """Starts enrolld on this kiosk's configuration and waits until it is ready (also
        after a restart on the same state and port)."""
        env = {**os.environ, "ENROLLD_VIRTUAL_CAMERA": "1"}
        self.process = subprocess.Popen([ENROLLD, "--config", self.folder / "enrolld.yaml"], stderr=self.stderr, env=env)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                # Ready as systemd sees it (READY=1): the devices are enumerated, so a
                # session that needs the reader finds it.
                if os.path.exists(self.socket) and self.sock("GET", "/v1/status", timeout=5)[1].get("phase") == "ready":
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            self.stop()
            raise RuntimeError("enrolld did not listen within 90 s")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        return self.process.returncode

    def log(self):
        self.stderr.flush()
        return (self.folder / "enrolld.stderr").read_text()

class EventReader:
    """Reads a session's server-sent events in the background."""

    def __init__(self, browser, url):
        self.events = []
        self.response = browser.get(url, stream=True, timeout=120)
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        kind = None
        try:
            for line in self.response.iter_lines(decode_unicode=True):
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: "):
                    self.events.append((kind, json.loads(line[6:])))
        except Exception:  # the stream closed under us
            pass

    def types(self):
        return [kind for kind, _ in self.events]

    def wait_for(self, kind, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event_kind, data in list(self.events):
                if event_kind == kind:
                    return data
            time.sleep(0.1)
        raise AssertionError(f"no {kind} event in {self.types()}")


def kiosk_with_staff(tmp_path, policy):
    """A Kiosk with `policy` and two staff accounts, op1 (operator) and sup1 (supervisor),
    for a pytest fixture to yield; skips when enrolld is not built."""
    import pytest
    if not ENROLLD.exists():
        pytest.skip("enrolld is not built (swift build)")
    kiosk = Kiosk(tmp_path, extra=policy)
    kiosk.add_operator("op1", "operator")
    kiosk.add_operator("sup1", "supervisor")
    return kiosk


# One finger and a reference, station logins allowed: the policy of the station tests.
STATION_POLICY = (
    "session: {fingers: [right_index], required_fields: [reference], step_timeout_seconds: 120}\n"
    f"access: {{station_token: {STATION_TOKEN}, pin_iterations: 1000}}\n"
)


def station_kiosk(tmp_path):
    """A Kiosk on STATION_POLICY for a pytest fixture to yield; skips when enrolld is not built."""
    import pytest
    if not ENROLLD.exists():
        pytest.skip("enrolld is not built (swift build)")
    return Kiosk(tmp_path, extra=STATION_POLICY)
