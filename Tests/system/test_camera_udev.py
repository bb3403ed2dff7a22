"""Camera discovery through the real libudev: `enrolld` runs on a umockdev testbed that
holds a UVC webcam as udev describes one (a capture node and a metadata node under a
uvcvideo interface, Tests/system/devices/uvc-webcam.umockdev), and `enrollctl devices`
must list exactly one camera; then the webcam is plugged and unplugged while the daemon
runs, through umockdev's uevents, and the registry follows.
"""

import ctypes.util
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import REPO, require_tool
from testbed_client import UmockdevTestbed

DEVICE = REPO / "Tests" / "system" / "devices" / "uvc-webcam.umockdev"
CAPTURE_NODE = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/video4linux/video0"
META_NODE = CAPTURE_NODE[:-1] + "1"
CAMERA_ROW = "camera  pci-0000:00:14.0-usb-0:2:1.0  HD Pro Webcam C920  uvcvideo  ready"


@pytest.fixture(scope="module")
def binaries():
    swift = require_tool("swift")
    for product in ["enrolld", "enrollctl"]:
        build = subprocess.run([swift, "build", "--product", product], cwd=REPO, capture_output=True, text=True, timeout=3600)
        assert build.returncode == 0, build.stderr[-4000:]
    bin_path = Path(subprocess.run([swift, "build", "--show-bin-path"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip())
    return bin_path / "enrolld", bin_path / "enrollctl"


@pytest.fixture
def kiosk():
    folder = Path(tempfile.mkdtemp(prefix="enrolld-udev-"))
    (folder / "enrolld.yaml").write_text(
        "version: 1\n"
        "daemon: {state_directory: state, runtime_directory: run, shutdown_timeout_seconds: 4}\n"
        'api: {socket: run/api.sock, socket_group: "", http_enabled: false}\n'
        "logging: {target: stderr, level: info}\n")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def start_daemon(enrolld, folder, prefix, env=None):
    log = open(folder / "daemon.log", "w")
    proc = subprocess.Popen([*prefix, str(enrolld), "--config", str(folder / "enrolld.yaml")],
                            stdout=log, stderr=subprocess.STDOUT, env=env)
    socket = folder / "run" / "api.sock"
    deadline = time.monotonic() + 30
    while not socket.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    assert socket.exists(), (folder / "daemon.log").read_text()
    return proc


def devices(enrollctl, folder):
    out = subprocess.run([str(enrollctl), "devices", "--socket", str(folder / "run" / "api.sock")],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return out.stdout


def wait_for(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def stop(proc):
    proc.terminate()
    proc.wait(timeout=15)


def test_enumerated_webcam_is_listed_once(binaries, kiosk):
    umockdev_run = require_tool("umockdev-run")
    enrolld, enrollctl = binaries
    proc = start_daemon(enrolld, kiosk, [umockdev_run, "-d", str(DEVICE), "--"])
    try:
        listed = devices(enrollctl, kiosk)
        # The metadata node (ID_V4L_CAPABILITIES=":") is not a second camera.
        assert listed.splitlines()[1:] == [CAMERA_ROW], listed
    finally:
        stop(proc)
    log = (kiosk / "daemon.log").read_text()
    assert "1 camera(s)" in log, log


def test_plug_and_unplug_follow_the_udev_monitor(binaries, kiosk):
    if ctypes.util.find_library("umockdev") is None:
        pytest.skip("libumockdev.so.0 not installed (apt-get install libumockdev0)")
    enrolld, enrollctl = binaries
    preload = dict(os.environ, LD_PRELOAD="libumockdev-preload.so.0")
    testbed = UmockdevTestbed(preload)
    send = testbed.send
    try:
        proc = start_daemon(enrolld, kiosk, [], env=dict(preload, UMOCKDEV_DIR=testbed.root))
        try:
            assert devices(enrollctl, kiosk) == "No fingerprint readers or cameras.\n"
            send(f"add {DEVICE}")
            # umockdev creates the video node before its USB interface (the kernel does it the
            # other way round), so its own "add" has no driver yet; announce the node again
            # once the whole tree exists, as the kernel's single "add" would.
            send(f"uevent add {CAPTURE_NODE}")
            assert wait_for(lambda: CAMERA_ROW in devices(enrollctl, kiosk)), devices(enrollctl, kiosk)
            send(f"remove {META_NODE}")
            send(f"remove {CAPTURE_NODE}")
            assert wait_for(lambda: devices(enrollctl, kiosk) == "No fingerprint readers or cameras.\n"), devices(enrollctl, kiosk)
        finally:
            stop(proc)
    finally:
        testbed.close()
    log = (kiosk / "daemon.log").read_text()
    assert "camera HD Pro Webcam C920 is ready" in log, log
    assert "camera HD Pro Webcam C920 was removed" in log, log
