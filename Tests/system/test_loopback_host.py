"""DNS rebinding through the real daemon: a page from another site that rebinds its name
to 127.0.0.1 reaches the loopback listener with its own name as Host; it gets 421 on every
route, public ones included, while the kiosk's own names are answered."""

import http.client

import pytest
from kiosk_daemon import ENROLLD, Kiosk


def get(kiosk, path, host):
    connection = http.client.HTTPConnection("127.0.0.1", kiosk.port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_only_the_kiosks_own_names_are_answered(tmp_path):
    if not ENROLLD.exists():
        pytest.skip("enrolld is not built (swift build)")
    kiosk = Kiosk(tmp_path)
    try:
        for host in (f"127.0.0.1:{kiosk.port}", f"localhost:{kiosk.port}", f"[::1]:{kiosk.port}"):
            status, _ = get(kiosk, "/v1/status", host)
            assert status == 200, host
        for path in ("/v1/status", "/metrics", "/v1/key", "/v1/queue", "/", "/v1/auth/me"):
            for host in (f"rebind.attacker.example:{kiosk.port}", f"127.0.0.1.nip.example:{kiosk.port}", None):
                status, body = get(kiosk, path, host)
                assert status == 421, (path, host, status)
                assert b"device" not in body.lower() or b"wrong_host" in body
    finally:
        assert kiosk.stop() == 0, kiosk.log()[-3000:]
