"""systemd/enrolld.service and systemd/enrolld.sysusers, checked with systemd's own tools."""

import re
import subprocess
from collections import defaultdict

import pytest

from conftest import REPO, require_tool

UNIT = REPO / "systemd" / "enrolld.service"
SYSUSERS = REPO / "systemd" / "enrolld.sysusers"
MAX_EXPOSURE = 2.0


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def settings():
    """{key: [values]} of the unit file; repeated keys (DeviceAllow=) keep every value."""
    found = defaultdict(list)
    for line in UNIT.read_text().splitlines():
        if line and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            found[key.strip()].append(value.strip())
    return found


def test_security_exposure_is_low():
    require_tool("systemd-analyze")
    proc = run("systemd-analyze", "security", "--offline=true", "--no-pager", str(UNIT))
    m = re.search(r"Overall exposure level for enrolld\.service: (\d+\.\d+)", proc.stdout)
    assert m, f"no exposure figure in:\n{proc.stdout}\n{proc.stderr}"
    assert float(m.group(1)) <= MAX_EXPOSURE, proc.stdout


def test_verify_finds_nothing_wrong(tmp_path):
    # verify insists that ExecStart= exists and is executable; the daemon is not installed
    # on build machines, so a copy points at a stub and every other line is checked as is.
    # --man=no: man:enrolld(8) is only there once the package is installed.
    require_tool("systemd-analyze")
    stub = tmp_path / "enrolld"
    stub.write_text("#!/bin/sh\n")
    stub.chmod(0o755)
    text = UNIT.read_text()
    assert "ExecStart=/usr/sbin/enrolld " in text
    copy = tmp_path / "enrolld.service"
    copy.write_text(text.replace("ExecStart=/usr/sbin/enrolld ", f"ExecStart={stub} "))
    proc = run("systemd-analyze", "verify", "--man=no", str(copy))
    complaints = [l for l in (proc.stdout + proc.stderr).splitlines() if "enrolld" in l]
    assert proc.returncode == 0 and complaints == [], "\n".join(complaints) or proc.stderr


def test_requested_settings_are_in_place():
    s = settings()
    expected = {
        "Type": ["notify"],
        "ExecStart": ["/usr/sbin/enrolld --config /etc/enrolld/enrolld.yaml"],
        "WatchdogSec": ["30s"],
        "Restart": ["on-failure"],
        "TimeoutStopSec": ["20s"],
        # A full queue verified at start must not be killed as a hung start (the unit says why).
        "TimeoutStartSec": ["10min"],
        "User": ["enrolld"],
        "Group": ["enrolld"],
        "StateDirectoryMode": ["0700"],
        "RuntimeDirectoryMode": ["0750"],
        "UMask": ["0077"],
        "LimitCORE": ["0"],
        "MemorySwapMax": ["0"],
        "DevicePolicy": ["closed"],
        "DeviceAllow": ["char-usb_device rw", "char-video4linux rw"],
        "RestrictAddressFamilies": ["AF_UNIX AF_NETLINK AF_INET AF_INET6"],
        "CapabilityBoundingSet": [""],
        "AmbientCapabilities": [""],
    }
    for key, values in expected.items():
        assert s.get(key) == values, f"{key}= is {s.get(key)}, expected {values}"
    # Devices must stay visible: PrivateDevices= would hide /dev/bus/usb and /dev/video*.
    assert s.get("PrivateDevices", ["no"]) == ["no"]


def test_sysusers_creates_a_system_user_and_group(tmp_path):
    require_tool("systemd-sysusers")
    (tmp_path / "etc").mkdir()
    proc = run("systemd-sysusers", f"--root={tmp_path}", str(SYSUSERS))
    assert proc.returncode == 0, proc.stderr
    users = {l.split(":")[0]: l.split(":") for l in (tmp_path / "etc/passwd").read_text().splitlines()}
    groups = {l.split(":")[0]: l.split(":") for l in (tmp_path / "etc/group").read_text().splitlines()}
    assert "enrolld" in users and "enrolld" in groups
    name, _, uid, gid, _, _, shell = users["enrolld"]
    assert int(uid) < 1000, "not a system user"
    assert gid == groups["enrolld"][2]
    assert shell.endswith("nologin")
