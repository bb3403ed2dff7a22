"""The project's own camera code against a real kernel V4L2 driver: the Swift program
`enroll-camera-selftest` (Camera + Imaging targets) runs inside the vivid VM of
Tests/vm/run-vivid and prints one `ENROLLD-RESULT: {json}` line, checked here.

With `--record` it also prints the system calls of a short session as `ENROLLD-SYSCALL:`
lines; they are saved to .build-vm/vivid-session.jsonl, from where
Tests/CameraTests/Recordings/vivid-session.jsonl (the replay unit tests' input) was taken.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from test_vivid_vm import REPO, describe, results, run_vivid

PRODUCT = "enroll-camera-selftest"


@pytest.fixture(scope="module")
def selftest_run():
    swift = shutil.which("swift")
    if swift is None:
        pytest.skip("swift not on PATH")
    build = subprocess.run([swift, "build", "--product", PRODUCT], cwd=REPO, capture_output=True, text=True, timeout=3600)
    assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-4000:]
    bin_path = subprocess.run([swift, "build", "--show-bin-path"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    proc = run_vivid(str(Path(bin_path) / PRODUCT), "/dev/video0", "--record")
    syscalls = [line[len("ENROLLD-SYSCALL: "):] for line in proc.stdout.splitlines() if line.startswith("ENROLLD-SYSCALL: ")]
    if syscalls:
        (REPO / ".build-vm").mkdir(exist_ok=True)
        (REPO / ".build-vm" / "vivid-session.jsonl").write_text("\n".join(syscalls) + "\n")
    return proc


def the_result(proc):
    found = results(proc.stdout)
    assert len(found) == 1, describe(proc)
    return found[0]


def test_selftest_passes_in_the_vm(selftest_run):
    proc = selftest_run
    assert proc.returncode == 0, describe(proc)
    result = the_result(proc)
    assert result["ok"] is True, describe(proc)
    assert "error" not in result, result["error"]
    assert result["driver"] == "vivid"


def test_formats_are_listed(selftest_run):
    result = the_result(selftest_run)
    assert "YUYV" in result["formats"], result["formats"]
    assert "640x480" in result["sizes"]["YUYV"], result["sizes"]


def test_thirty_contiguous_frames_then_a_resolution_change(selftest_run):
    steps = {step["name"]: step for step in the_result(selftest_run)["steps"]}
    first = steps["640x480"]
    assert (first["width"], first["height"], first["pixelformat"]) == (640, 480, "YUYV")
    assert first["frames"] == 30 and first["contiguous"] and first["timestampsIncrease"], first
    assert first["dropped"] == 0 and first["bad"] == 0, first
    # The still of the last frame: YUYV -> RGB -> JPEG, decoded back, in the VM.
    assert first["stillBytes"] > 1000 and 0 < first["grayMean"] < 255, first
    change = steps["resolution change"]
    assert (change["width"], change["height"]) == (320, 180), change
    assert change["frames"] == 30 and change["contiguous"], change


def test_stream_stops_starts_and_the_device_reopens(selftest_run):
    result = the_result(selftest_run)
    steps = {step["name"]: step for step in result["steps"]}
    restart = steps["stop and start"]
    assert restart["frames"] == 10 and restart["contiguous"] and restart["ok"], restart
    reopened = steps["re-opened"]
    assert reopened["frames"] == 10 and reopened["ok"], reopened
    # Format negotiation on the re-opened device, with a preferred size of 640x480.
    assert result["negotiated"].startswith("640x480 YUYV"), result["negotiated"]


def test_a_session_was_recorded_for_the_replay_tests(selftest_run):
    calls = [json.loads(line[len("ENROLLD-SYSCALL: "):]) for line in selftest_run.stdout.splitlines() if line.startswith("ENROLLD-SYSCALL: ")]
    names = [c.get("request") for c in calls if c["call"] == "ioctl"]
    for name in ["VIDIOC_QUERYCAP", "VIDIOC_S_FMT", "VIDIOC_REQBUFS", "VIDIOC_QUERYBUF", "VIDIOC_STREAMON", "VIDIOC_DQBUF", "VIDIOC_STREAMOFF"]:
        assert name in names, name
    assert sum(1 for c in calls if c["call"] == "mmap") >= 2


def test_unplug_mid_stream_ends_with_enodev_and_the_camera_comes_back(selftest_run):
    # vivid's "Disconnect" control makes the driver act like an unplugged USB camera:
    # ENODEV on every call until the last descriptor is closed, then it is back.
    steps = {step["name"]: step for step in the_result(selftest_run)["steps"]}
    unplug = steps["unplug"]
    assert unplug["frames"] == 5, unplug
    assert "the camera was removed" in unplug["error"], unplug
    assert unplug["ok"], unplug
    replugged = steps["re-plugged"]
    assert replugged["frames"] == 10 and replugged["contiguous"] and replugged["ok"], replugged
