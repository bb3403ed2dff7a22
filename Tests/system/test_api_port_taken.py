"""A kiosk page port already taken by another program (real enrolld, a real listening
socket): the daemon stops with the catalogued 'cannot serve its API' entry that names the
port and its key, not the server's bare bind error."""

import socket
import subprocess

import pytest
from kiosk_daemon import ENROLLD

API_UNAVAILABLE = "37f897f276f149348812fa624b888845"


def test_a_taken_http_port_is_said_with_the_port_and_the_key(tmp_path):
    if not ENROLLD.exists():
        pytest.skip("enrolld is not built (swift build)")
    squatter = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    squatter.bind(("127.0.0.1", 0))
    squatter.listen(1)
    port = squatter.getsockname()[1]
    config = tmp_path / "enrolld.yaml"
    config.write_text(
        "version: 1\n"
        f"daemon: {{state_directory: {tmp_path}/state, runtime_directory: {tmp_path}/run, shutdown_timeout_seconds: 5}}\n"
        f"api: {{socket: {tmp_path}/run/api.sock, socket_group: \"\", http_port: {port}}}\n"
        "logging: {target: stderr, level: info}\n"
        "storage: {min_free_mib: 1}\n"
        f"fingerprint: {{virtual_image_socket: {tmp_path}/run/fp.sock}}\n"
        "quality: {face_checks: false}\n")
    try:
        result = subprocess.run([ENROLLD, "--config", config], capture_output=True, text=True, timeout=120)
    finally:
        squatter.close()
    assert result.returncode != 0, result.stderr[-3000:]
    lines = [line for line in result.stderr.splitlines() if API_UNAVAILABLE in line]
    assert lines, result.stderr[-3000:]
    assert f"127.0.0.1:{port} (api.http_port)" in lines[0] and "taken by another program" in lines[0], lines[0]
    assert "stopped on an error" not in result.stderr, result.stderr[-3000:]
