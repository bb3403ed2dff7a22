"""Files enrollctl writes that hold a person's biometric data (here a face token image; the
reader and camera self-test images use the same writer) are readable by their owner only,
whatever the umask, also when they replace an existing file; a symbolic link planted at
the path is refused, not followed."""

import os
import subprocess

import pytest
from conftest import FIXTURES, REPO

ENROLLCTL = REPO / ".build" / "debug" / "enrollctl"
FACE = FIXTURES / "faces" / "skimage" / "astronaut.png"


def token(tmp_path, folder):
    return subprocess.run([ENROLLCTL, "quality", "face", "--token-directory", folder, FACE],
                          capture_output=True, text=True, timeout=300, preexec_fn=lambda: os.umask(0o022))


def test_face_tokens_are_private_even_when_replacing_and_never_follow_links(tmp_path):
    if not ENROLLCTL.exists():
        pytest.skip("enrollctl is not built (swift build)")
    if not FACE.exists():
        pytest.skip(f"{FACE} is absent (../shared/fixtures/faces)")
    folder = tmp_path / "tokens"
    folder.mkdir()
    written = folder / "astronaut.token.jpg"

    result = token(tmp_path, folder)
    assert result.returncode == 0, result.stderr
    assert written.read_bytes()[:3] == b"\xff\xd8\xff"
    assert (written.stat().st_mode & 0o777) == 0o600

    # An older, world-readable file at the same path is narrowed, not left as it was.
    written.write_bytes(b"old")
    written.chmod(0o644)
    result = token(tmp_path, folder)
    assert result.returncode == 0, result.stderr
    assert (written.stat().st_mode & 0o777) == 0o600 and written.read_bytes()[:3] == b"\xff\xd8\xff"

    # A link planted where the image goes is refused; its target is untouched.
    written.unlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"not yours")
    written.symlink_to(elsewhere)
    result = token(tmp_path, folder)
    assert result.returncode != 0
    assert str(written) in result.stdout + result.stderr
    assert elsewhere.read_bytes() == b"not yours"
