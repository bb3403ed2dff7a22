"""The project's own camera code against a real kernel V4L2 driver, in one boot of the
vivid VM (Tests/vm/run-vivid running Tests/vm/camera-daemon-check.sh): the Swift program
`enroll-camera-selftest` (Camera + Imaging targets) prints one `ENROLLD-RESULT: {json}`
line, then the real `enrolld` runs with vivid as its camera and `enrollctl devices` and
`enrollctl camera test --save` are asked; all of it is checked here.

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
CHECK = REPO / "Tests" / "vm" / "camera-daemon-check.sh"


@pytest.fixture(scope="module")
def selftest_run():
    swift = shutil.which("swift")
    if swift is None:
        pytest.skip("swift not on PATH")
    for product in [PRODUCT, "enrolld", "enrollctl"]:
        build = subprocess.run([swift, "build", "--product", product], cwd=REPO, capture_output=True, text=True, timeout=3600)
        assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-4000:]
    # Canonical paths: run-vivid copies files into the VM at their resolved path.
    bin_path = Path(subprocess.run([swift, "build", "--show-bin-path"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()).resolve()
    programs = [str(bin_path / name) for name in [PRODUCT, "enrolld", "enrollctl"]]
    proc = run_vivid(*[arg for path in programs for arg in ("--with", path)], str(CHECK), *programs)
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
    assert "daemon exit status 0" in proc.stdout, describe(proc)
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


def tagged(proc, tag):
    prefix = f"ENROLLD-{tag}: "
    lines = [line[len(prefix):] for line in proc.stdout.splitlines() if line.startswith(prefix)]
    assert len(lines) == 1, describe(proc)
    return lines[0]


def test_the_daemon_lists_vivid_as_a_camera(selftest_run):
    # No udevd in the VM: libudev reads sysfs, so the id is the node and the name the card's.
    devices = json.loads(tagged(selftest_run, "DEVICES"))["devices"]
    assert devices == [{"id": "/dev/video0", "kind": "camera", "name": "vivid-000-vid-cap", "driver": "vivid", "health": "ready"}], devices


def test_enrollctl_camera_test_streams_and_saves_a_still(selftest_run):
    report = json.loads(tagged(selftest_run, "CAMERA-TEST"))
    assert "error" not in report, report
    # The configured policy (minimum 640x480, preferred 1280x720): vivid has no MJPEG, so YUYV.
    assert report["format"].startswith("1280x720 YUYV"), report
    assert report["frames"] > 5 and report["framesPerSecond"] > 2, report
    assert report["seconds"] >= 2, report
    assert report["droppedFrames"] >= 0 and report["badFrames"] == 0, report
    assert int(tagged(selftest_run, "STILL")) > 5000


def test_dropped_frames_are_counted_and_a_silent_camera_times_out(selftest_run):
    # vivid's "Percentage of Dropped Buffers": 50 % leaves gaps in the sequence numbers,
    # 100 % delivers nothing, and the stream must end with the time-out (2 s here).
    steps = {step["name"]: step for step in the_result(selftest_run)["steps"]}
    drops = steps["dropped frames"]
    assert drops["frames"] == 20 and drops["dropped"] > 0 and not drops["contiguous"] and drops["ok"], drops
    timeout = steps["time-out"]
    assert timeout["frames"] == 0 and "no frame within 2.0 s" in timeout["error"] and timeout["ok"], timeout
