"""The running daemon against docs/control-api.yaml, with schemathesis: every operation,
generated and boundary inputs, undeclared methods; no 5xx, no schema violation."""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest
from conftest import REPO
from kiosk_daemon import central_keys

SPEC = REPO / "docs" / "control-api.yaml"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def daemon(tmp_path):
    binary = REPO / ".build" / "debug" / "enrolld"
    if not binary.exists():
        pytest.skip("enrolld is not built (swift build)")
    port = free_port()
    config = tmp_path / "enrolld.yaml"
    config.write_text(
        "version: 1\n"
        # A session's event stream stays open until the session ends, and shut-down waits
        # for open connections up to this long (sessions start here, so schemathesis opens one).
        f"daemon: {{state_directory: {tmp_path}/state, runtime_directory: {tmp_path}/run, shutdown_timeout_seconds: 5}}\n"
        # The kiosk page, so the session offers its languages' consent texts (checked
        # against the ConsentText schema).
        f"api: {{socket: {tmp_path}/run/api.sock, socket_group: \"\", http_port: {port}, kiosk_directory: \"{REPO / 'ui' / 'kiosk'}\"}}\n"
        f"session: {{consent_directory: \"{REPO / 'config' / 'consent'}\"}}\n"
        "logging: {target: stderr, level: warning}\n"
        # Cheap PIN hashes: schemathesis tries many logins, and this is a debug build.
        "access: {pin_iterations: 1000}\n"
        # A contact line, so sessions carry `contact_text` and its schema is checked too.
        "kiosk: {contact_text: {fa: \"دفتر ثبت‌نام\", en: \"Registration office\"}}\n"
        # A reader (libfprint's virtual one), so a session may start: a policy that needs
        # fingers is refused with 503 no_device without one.
        f"fingerprint: {{virtual_image_socket: {tmp_path}/run/fp.sock}}\n"
        # Keys, so a session may start: without them POST /v1/sessions answers 503 by design.
        + central_keys()
    )
    # And a camera (the virtual one): a policy with the face is refused with 503 no_device
    # without one, like a missing reader.
    process = subprocess.Popen([binary, "--config", config], stderr=subprocess.PIPE,
                               env={**os.environ, "ENROLLD_VIRTUAL_CAMERA": "1"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("enrolld did not listen within 60 s")
    # An operator to log in as, added the technicians' way (enrollctl over the socket).
    enrollctl = REPO / ".build" / "debug" / "enrollctl"
    added = subprocess.run([enrollctl, "operators", "add", "contract", "--role", "supervisor", "--pin-stdin",
                            "--socket", tmp_path / "run" / "api.sock"], input="4711\n", capture_output=True, text=True, timeout=60)
    assert added.returncode == 0, added.stderr
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    assert process.wait(timeout=10) == 0


def login(url):
    """A supervisor's bearer token, so the role-restricted operations are exercised past
    the login check (schemathesis also tries each without it and expects 401/403)."""
    body = json.dumps({"method": "pin", "operator_id": "contract", "pin": "4711"}).encode()
    request = urllib.request.Request(url + "/v1/auth/login", data=body, method="POST",
                                     headers={"Content-Type": "application/json", "X-CSRF-Token": "login"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["token"]


def test_schemathesis_finds_no_violation(daemon, tmp_path):
    st = shutil.which("st") or shutil.which("schemathesis")
    if st is None:
        pytest.skip("schemathesis is not installed (pip install schemathesis)")
    token = login(daemon)
    result = subprocess.run(
        # Operations marked x-enrolld-listener: socket are not served on loopback, by design;
        # logout would end the login the run uses.
        [st, "run", str(SPEC), "--url", daemon, "--checks", "all", "--max-examples", "50", "--seed", "1",
         "--header", f"Authorization: Bearer {token}",
         # Operators, diagnostics and the audit log are socket-only (GET /v1/operators is checked by
         # the access tests).
         "--exclude-path-regex", "^/v1/(readers|cameras|demo|diagnostics|audit|operators|gallery|sync|stations|maintenance)|^/v1/auth/logout$"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
        env={**os.environ, "SCHEMATHESIS_HOOKS": ""},
    )
    assert result.returncode == 0, result.stdout[-12000:]
    # Warnings (operations that answered only 401/403 or 404 to made-up ids) are not
    # violations; a failure would be listed under "Failures:".
    assert "Failures:" not in result.stdout and "passed" in result.stdout, result.stdout[-12000:]
