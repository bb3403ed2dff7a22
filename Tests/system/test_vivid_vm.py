"""V4L2 against a real kernel driver: Tests/vm/run-vivid boots Debian's kernel
in qemu with the `vivid` test driver and runs a camera program inside.

Until the project's Swift camera self-test exists, the in-VM program is the
stand-in Tests/vm/v4l2ctl-selftest.sh, which drives Debian's v4l2-ctl (a real
V4L2 client: format enumeration, S_FMT, S_PARM, mmap streaming) and prints one
`ENROLLD-RESULT: {json}` line, the same contract the Swift program will keep.

The harness exits 77 when this machine cannot run the VM (no qemu, no kernel
package); that becomes a pytest skip with the harness's reason.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HARNESS = REPO / "Tests" / "vm" / "run-vivid"
STANDIN = REPO / "Tests" / "vm" / "v4l2ctl-selftest.sh"

HARNESS_SKIP = 77
VM_TIMEOUT_S = 240
# The first run also downloads and unpacks the kernel package (~70 MB).
SUBPROCESS_TIMEOUT_S = VM_TIMEOUT_S + 180


def run_vivid(*args):
    """Run the harness; skip the test when it says it cannot run here."""
    try:
        proc = subprocess.run(
            [str(HARNESS), "--timeout", str(VM_TIMEOUT_S), *args],
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            timeout=SUBPROCESS_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"run-vivid did not finish in {SUBPROCESS_TIMEOUT_S}s: {exc}")
    if proc.returncode == HARNESS_SKIP:
        reasons = [l.split("SKIP:", 1)[1].strip() for l in proc.stderr.splitlines() if "SKIP:" in l]
        pytest.skip("run-vivid: " + (reasons[-1] if reasons else "cannot run the VM here"))
    return proc


def describe(proc):
    """Enough of a run to diagnose a failure from the pytest report alone."""
    tail = "\n".join(proc.stdout.splitlines()[-60:])
    return f"exit {proc.returncode}\n--- stderr\n{proc.stderr}\n--- console (tail)\n{tail}"


def results(stdout):
    """The JSON of every `ENROLLD-RESULT: {json}` line on the console."""
    prefix = "ENROLLD-RESULT: "
    return [json.loads(line[len(prefix):]) for line in stdout.splitlines() if line.startswith(prefix)]


@pytest.fixture(scope="module")
def standin_run():
    if shutil.which("v4l2-ctl") is None:
        pytest.skip("v4l2-ctl not installed (apt-get install v4l-utils)")
    return run_vivid("--with", "v4l2-ctl", str(STANDIN))


def test_vivid_comes_up_and_program_succeeds(standin_run):
    proc = standin_run
    assert proc.returncode == 0, describe(proc)
    assert "ENROLLD-VM-VIVID-READY:" in proc.stdout, describe(proc)
    assert "ENROLLD-VM-EXIT: 0" in proc.stdout, describe(proc)


def test_yuyv_is_listed(standin_run):
    proc = standin_run
    assert "'YUYV'" in proc.stdout, describe(proc)
    (result,) = results(proc.stdout)
    assert result["yuyv_listed"] is True


def test_mmap_streaming_captures_30_frames_at_two_resolutions(standin_run):
    proc = standin_run
    found = results(proc.stdout)
    assert len(found) == 1, describe(proc)
    result = found[0]
    assert result["device"] == "/dev/video0"
    steps = result["steps"]
    assert [(s["width"], s["height"]) for s in steps] == [(640, 480), (320, 180)], result
    for step in steps:
        assert step["pixelformat"] == "YUYV", step
        assert step["sizeimage"] == step["width"] * step["height"] * 2, step
        assert step["frames"] == 30, step
        assert step["bytes"] == 30 * step["sizeimage"], step
        assert step["fps"] > 0, step
    assert result["ok"] is True, describe(proc)


def test_exit_status_and_output_of_the_program_come_back():
    # A dynamically linked host program (dash, with its libc closure), with
    # arguments that need quoting, and an exit status the host must see.
    proc = run_vivid("/bin/sh", "-c", 'printf "<%s>" "$@"; echo; exit 3', "sh", "a b", "it's", "$HOME")
    assert proc.returncode == 3, describe(proc)
    assert "<a b><it's><$HOME>" in proc.stdout, describe(proc)
