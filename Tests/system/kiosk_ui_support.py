"""The real daemon for the kiosk UI tests: the built debug enrolld on a free loopback port,
serving a kiosk folder, with libfprint's virtual_image reader and the virtual camera, and
(when asked) operators and a station token for the session API."""

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from conftest import REPO

KIOSK = REPO / "ui" / "kiosk"
BIN = REPO / ".build" / "debug"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raw_request(port, target, method="GET", headers=(), body=b"", timeout=10):
    """One HTTP/1.1 exchange with the target sent byte for byte, as a hostile client would
    (no client library normalising `..` or escapes). Returns (status, headers, body)."""
    if isinstance(target, str):
        target = target.encode("utf-8", "surrogateescape")
    lines = [method.encode() + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1", b"Connection: close"]
    lines += [h.encode() for h in headers]
    if body:
        lines.append(b"Content-Length: " + str(len(body)).encode())
    data = b"\r\n".join(lines) + b"\r\n\r\n" + body
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    reply = b"".join(chunks)
    head, _, rest = reply.partition(b"\r\n\r\n")
    if not head:
        return None, {}, b""
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split()[1])
    fields = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    return status, fields, rest


def central_keys():
    """The central server's two public keys, so the daemon accepts enrollments."""
    try:
        from cryptography.hazmat.primitives.asymmetric import ed25519, x25519
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    except ImportError:
        pytest.skip("python3-cryptography is not installed (central keys for the test daemon)")
    seal = x25519.X25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    receipt = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return f'central: {{sealing_public_key: "{seal.hex()}", receipt_public_key: "{receipt.hex()}"}}\n'


CONSENT = REPO / "config" / "consent"


def with_consent_texts(config, folder=CONSENT):
    """The configuration text with its session section pointing at the repository's
    consent texts: the kiosk page offers languages, so the daemon needs their texts (it
    looks in /usr/share/enrolld/consent by default, which a build machine does not have)."""
    keys = f"consent_directory: \"{folder}\", local_consent_directory: \"{folder}\""
    if "session: {" in config:
        return config.replace("session: {", f"session: {{{keys}, ", 1)
    return config + f"session: {{{keys}}}\n"


class Daemon:
    """enrolld running on its own state, runtime folder and port."""

    def __init__(self, folder: Path, kiosk=KIOSK, access=None, keys=True, extra="", reader=True, camera_image=None,
                 camera=True):
        binary = BIN / "enrolld"
        if not binary.exists():
            pytest.skip("enrolld is not built (swift build)")
        self.folder = folder
        self.port = free_port()
        self.socket = str(folder / "run" / "api.sock")
        self.fp_socket = str(folder / "run" / "fp.sock")
        self.log = folder / "enrolld.log"
        config = folder / "enrolld.yaml"
        text = (
            "version: 1\n"
            f"daemon: {{state_directory: {folder}/state, runtime_directory: {folder}/run}}\n"
            f"api: {{socket: {self.socket}, socket_group: \"\", http_port: {self.port}, kiosk_directory: \"{kiosk}\"}}\n"
            "logging: {target: stderr, level: info}\n"
            # reader=False: no virtual reader, and no real one on a build machine.
            + (f"fingerprint: {{finger_timeout_seconds: 60, virtual_image_socket: {self.fp_socket}}}\n" if reader
               else "fingerprint: {finger_timeout_seconds: 60}\n")
            # The virtual camera's generated images show no face: the face checks run only
            # when it shows a photograph (camera_image, ENROLLD_VIRTUAL_CAMERA_IMAGE).
            + f"quality: {{face_checks: {'true' if camera_image else 'false'}}}\n"
        )
        if keys:
            text += central_keys()
        if access:
            text += access
        text += extra
        config.write_text(with_consent_texts(text))
        self.config = config
        self.binary = binary
        self.camera_image = camera_image
        # camera=False: no virtual camera, and no real one on a build machine.
        self.camera = camera
        self.start(log_mode="wb")

    def start(self, log_mode="ab"):
        """Starts enrolld on this configuration and waits until it is ready (also after a
        restart on the same state and port)."""
        env = {k: v for k, v in os.environ.items() if k != "ENROLLD_VIRTUAL_CAMERA"}
        if self.camera:
            env["ENROLLD_VIRTUAL_CAMERA"] = "1"
        if self.camera_image:
            env["ENROLLD_VIRTUAL_CAMERA_IMAGE"] = str(self.camera_image)
        self.process = subprocess.Popen(
            [self.binary, "--config", self.config], stderr=open(self.log, log_mode), stdout=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"enrolld exited with {self.process.returncode}: {self.log.read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                # Ready as systemd sees it (READY=1): the devices are enumerated, so a
                # session that needs the reader finds it.
                if self.phase() == "ready":
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.process.kill()
        pytest.fail("enrolld did not listen within 90 s")

    def phase(self):
        import json
        import urllib.request
        try:
            with urllib.request.urlopen(self.url + "/v1/status", timeout=5) as response:
                return json.load(response).get("phase")
        except (OSError, ValueError):
            return None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def enrollctl(self, *args, input=None, timeout=60):
        return subprocess.run(
            [BIN / "enrollctl", *args, "--socket", self.socket],
            input=input, capture_output=True, text=True, timeout=timeout)

    def add_operator(self, account, role):
        """Adds a staff account, (id, PIN), with `role`, as a technician does with enrollctl."""
        operator, pin = account
        added = self.enrollctl("operators", "add", operator, "--role", role, "--pin-stdin", input=pin + "\n")
        assert added.returncode == 0, added.stderr

    def present_finger(self, synthetic=1, timeout=30):
        """Puts a finger on the virtual reader (what a person does at the kiosk). The demo
        endpoint refuses while the reader is not yet waiting, so it is asked again."""
        deadline = time.monotonic() + timeout
        while True:
            result = self.enrollctl("demo", "present", "--synthetic", str(synthetic))
            if result.returncode == 0:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"the virtual reader took no finger: {result.stderr}")
            time.sleep(0.2)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode
