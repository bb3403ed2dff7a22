"""The kiosk UI as the real daemon serves it on loopback: types, security headers, and
hostile requests (traversal, encoded dots, NUL, very long paths, symbolic links out of the
folder, wrong methods) sent byte for byte over a raw socket."""

import os

import pytest
from kiosk_ui_support import KIOSK, Daemon, raw_request

SECRET = "kiosk-test-secret-do-not-serve"


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory):
    """A kiosk folder with an outside secret reachable only through links and `..`."""
    base = tmp_path_factory.mktemp("kiosk-hostile")
    root = base / "ui"
    (root / "js").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><title>k</title>")
    (root / "js" / "app.js").write_text("export {};")
    (root / ".env").write_text(SECRET)
    (root / "notes.md").write_text(SECRET)
    (base / "secret.txt").write_text(SECRET)
    (base / "secret.js").write_text(SECRET)
    os.symlink(base / "secret.txt", root / "secret.txt")
    os.symlink("../secret.js", root / "js" / "up.js")
    os.symlink("/etc", root / "etc")
    os.symlink("/etc/passwd", root / "passwd.txt")
    os.symlink("..", root / "js" / "loop")
    return root


@pytest.fixture(scope="module")
def daemon(tmp_path_factory, hostile_root):
    d = Daemon(tmp_path_factory.mktemp("kiosk-serving"), kiosk=hostile_root, keys=False)
    yield d
    assert d.stop() == 0


@pytest.fixture(scope="module")
def real_ui(tmp_path_factory):
    d = Daemon(tmp_path_factory.mktemp("kiosk-real"), keys=False)
    yield d
    assert d.stop() == 0


def check_security_headers(headers):
    policy = headers.get("content-security-policy", "")
    assert "default-src 'none'" in policy and "script-src 'self'" in policy, policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, policy
    assert "frame-ancestors 'none'" in policy, policy
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("cache-control") == "no-store"
    assert headers.get("x-frame-options") == "DENY"


@pytest.mark.parametrize("path,kind", [
    ("/", "text/html; charset=utf-8"),
    ("/index.html", "text/html; charset=utf-8"),
    ("/js/app.js", "text/javascript; charset=utf-8"),
    ("/css/kiosk.css", "text/css; charset=utf-8"),
    ("/i18n/fa.json", "application/json"),
    ("/i18n/en.json", "application/json"),
    ("/img/icon.svg", "image/svg+xml"),
])
def test_the_real_ui_is_served_with_its_type_and_headers(real_ui, path, kind):
    status, headers, body = raw_request(real_ui.port, path)
    assert status == 200, (path, status)
    assert headers["content-type"] == kind
    check_security_headers(headers)
    expected = (KIOSK / ("index.html" if path == "/" else path.lstrip("/"))).read_bytes()
    assert body == expected


def test_head_has_the_headers_and_no_body(real_ui):
    status, headers, body = raw_request(real_ui.port, "/js/app.js", method="HEAD")
    assert status == 200 and body == b""
    assert headers["content-type"].startswith("text/javascript")
    check_security_headers(headers)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_other_methods_are_refused(real_ui, method):
    status, headers, _ = raw_request(real_ui.port, "/index.html", method=method, body=b"x")
    assert status == 405
    assert headers.get("allow") == "GET, HEAD"


def test_the_api_keeps_its_own_answers(real_ui):
    status, headers, _ = raw_request(real_ui.port, "/v1/status")
    assert status == 200 and headers["content-type"].startswith("application/json")
    status, _, body = raw_request(real_ui.port, "/v1/no-such-thing")
    assert status == 404 and b"<html" not in body.lower()
    status, _, _ = raw_request(real_ui.port, "/metrics")
    assert status == 200


HOSTILE = [
    "/../secret.txt", "/js/../../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
    "/%2e%2e%2fsecret.txt", "/.%2e/secret.txt", "/js/%2e%2e/%2e%2e/secret.txt", "/%252e%252e/secret.txt",
    "/%c0%ae%c0%ae/secret.txt", "/..\\secret.txt", "/js%5c..%5c..%5csecret.txt", "//secret.txt",
    "/secret.txt", "/js/up.js", "/etc/passwd", "/etc/hostname", "/passwd.txt", "/js/loop/index.html",
    "/js/loop/js/app.js", "/.env", "/notes.md", "/index.html%00.js", "/index.html%00", "/%00",
    "/" + "a" * 5000, "/" + "%2e%2e/" * 400 + "secret.txt", "/" + "a/" * 300 + "index.html",
    "/index.html/", "/%", "/%zz", "/\u0641\u0627\u0631\u0633\u06cc",
]


@pytest.mark.parametrize("path", HOSTILE)
def test_hostile_paths_reach_nothing(daemon, path):
    status, headers, body = raw_request(daemon.port, path)
    # 404 from the kiosk, or 400 / 431 / 414 from the HTTP parser for what is not HTTP at all.
    assert status in (400, 404, 414, 431), (path, status)
    assert SECRET.encode() not in body and b"root:" not in body
    if status == 404:
        check_security_headers(headers)


def test_a_raw_nul_byte_in_the_target_gets_no_file(daemon):
    status, _, body = raw_request(daemon.port, b"/index.html\x00.js")
    assert status != 200 and SECRET.encode() not in body


def test_the_hostile_folder_still_serves_its_own_files(daemon):
    status, _, body = raw_request(daemon.port, "/")
    assert status == 200 and b"<title>k</title>" in body
    status, _, body = raw_request(daemon.port, "/js/app.js")
    assert status == 200 and body == b"export {};"


def test_a_missing_folder_gives_a_plain_page_and_a_journal_entry(tmp_path):
    d = Daemon(tmp_path, kiosk=tmp_path / "not-installed", keys=False)
    try:
        status, headers, body = raw_request(d.port, "/")
        assert status == 503
        check_security_headers(headers)
        assert "<script" not in body.decode()
        assert "not installed" in body.decode()
        status, _, _ = raw_request(d.port, "/v1/status")
        assert status == 200
    finally:
        assert d.stop() == 0
    log = d.log.read_text()
    assert "The kiosk UI cannot be served" in log and "not-installed" in log
