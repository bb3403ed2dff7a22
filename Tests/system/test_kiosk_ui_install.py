"""`make install` puts the kiosk UI where `api.kiosk_directory` expects it, every file
readable and none executable, and nothing hidden."""

import subprocess

from conftest import REPO, require_tool
from kiosk_ui_support import KIOSK


def test_every_ui_file_is_installed(tmp_path):
    require_tool("make")
    require_tool("swift")
    result = subprocess.run(["make", "-s", "install", f"DESTDIR={tmp_path}", "CONFIGURATION=debug"],
                            cwd=REPO, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    installed = tmp_path / "usr" / "share" / "enrolld" / "kiosk"
    expected = sorted(p.relative_to(KIOSK) for p in KIOSK.rglob("*") if p.is_file() and not p.name.startswith("."))
    found = sorted(p.relative_to(installed) for p in installed.rglob("*") if p.is_file())
    assert found == expected
    for path in installed.rglob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o777 == 0o644, path
            assert path.read_bytes() == (KIOSK / path.relative_to(installed)).read_bytes()
