"""Reader hot-plug through the real libfprint: `enrolld` runs on a umockdev testbed holding
a recorded AuthenTec AES3500 (../shared/fixtures/libfprint-recordings/aes3500, its USB
traffic replayed from the recording), and the reader is unplugged and plugged in again
while the daemon runs. The registry must follow both ways without a restart, and the
reader must capture the recorded image again after the re-plug.
"""

import ctypes.util
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import FIXTURES
from testbed_client import UmockdevTestbed
from test_camera_udev import binaries, devices, kiosk, start_daemon, stop, wait_for  # noqa: F401 (fixtures)

RECORDING = FIXTURES / "libfprint-recordings" / "aes3500"
READER_ROW = "reader  aes3500:0  AuthenTec AES3500  aes3500  ready"
NONE = "No fingerprint readers or cameras.\n"


def reader_only(description):
    """The first device of a umockdev description (the reader; its parents follow)."""
    return description.split("\n\n", 1)[0] + "\n"


def test_unplug_and_replug_follow_libfprint_hotplug(binaries, kiosk):  # noqa: F811
    if ctypes.util.find_library("umockdev") is None:
        pytest.skip("libumockdev.so.0 not installed (apt-get install libumockdev0)")
    if not (RECORDING / "capture.ioctl").exists():
        pytest.skip(f"needs {RECORDING} (the libfprint recordings in ../shared/fixtures)")
    enrolld, enrollctl = binaries
    description = (RECORDING / "device").read_text()
    lines = description.splitlines()
    syspath = "/sys" + next(line[3:] for line in lines if line.startswith("P: "))
    devname = next(line.split("=", 1)[1] for line in lines if line.startswith("E: DEVNAME="))
    reader_file = Path(tempfile.mkdtemp(prefix="enrolld-reader-")) / "reader.umockdev"
    reader_file.write_text(reader_only(description))

    preload = dict(os.environ, LD_PRELOAD="libumockdev-preload.so.0")
    testbed = UmockdevTestbed(preload)
    send = testbed.send
    socket = str(kiosk / "run" / "api.sock")
    try:
        send(f"add {RECORDING / 'device'}")
        send(f"ioctl {devname} {RECORDING / 'capture.ioctl'}")
        env = dict(preload, UMOCKDEV_DIR=testbed.root, FP_DEVICE_EMULATION="1")
        proc = start_daemon(enrolld, kiosk, [], env=env)
        try:
            assert wait_for(lambda: READER_ROW in devices(enrollctl, kiosk), 30), devices(enrollctl, kiosk)
            send(f"remove {syspath}")
            assert wait_for(lambda: devices(enrollctl, kiosk) == NONE, 30), devices(enrollctl, kiosk)
            send(f"add {reader_file}")
            send(f"ioctl {devname} {RECORDING / 'capture.ioctl'}")
            assert wait_for(lambda: READER_ROW in devices(enrollctl, kiosk), 30), devices(enrollctl, kiosk)
            saved = kiosk / "after-replug.png"
            test = subprocess.run([str(enrollctl), "reader", "test", "--socket", socket, "--save", str(saved)],
                                  capture_output=True, text=True, timeout=120)
            assert test.returncode == 0, test.stdout + test.stderr + (kiosk / "daemon.log").read_text()[-3000:]
            assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        finally:
            stop(proc)
    finally:
        testbed.close()
    log = (kiosk / "daemon.log").read_text()
    assert log.count("AuthenTec AES3500 is ready") >= 2, log
    assert "AuthenTec AES3500 was removed" in log, log
