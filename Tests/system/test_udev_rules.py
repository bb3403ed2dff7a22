"""udev/71-enrolld.rules and scripts/gen-udev-rules, checked with the real udevadm.

Each device is replayed by umockdev and run through `udevadm test` with every installed
rules file plus ours, inside a private mount namespace (root needed): there our rules
are mounted over /etc/udev/rules.d, an "enrolld" group is added to a private copy of
/etc/group when the host has none, and /run and /dev are fresh tmpfs, because
`udevadm test` really writes its database and /dev/char links.
"""

import grp
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, require_tool

RULES_NAME = "71-enrolld.rules"
RULES = REPO / "udev" / RULES_NAME
GENERATOR = REPO / "scripts" / "gen-udev-rules"
RECORDINGS = FIXTURES / "libfprint-recordings"
NAMESPACE_GID = 64999  # "enrolld" inside the namespace when the host has no such group

# $1 rules dir, $2 group file or "", $3 umockdev description, $4 syspath, $5 empty file.
NAMESPACE_SCRIPT = r"""
set -e
[ -d /etc/udev/rules.d ] || { echo "no /etc/udev/rules.d to mount over"; exit 77; }
mount --make-rprivate /
mount --bind /dev/null "$5"  # keep /dev/null reachable under the fresh /dev
mount -t tmpfs tmpfs /dev; touch /dev/null; mount --bind "$5" /dev/null
mount -t tmpfs tmpfs /run; mkdir -p /run/udev
mount --bind "$1" /etc/udev/rules.d
[ -z "$2" ] || mount --bind "$2" /etc/group
exec umockdev-run -d "$3" -- udevadm test --action=add "$4"
"""


def recordings():
    if not RECORDINGS.is_dir():
        return []
    return sorted(p.name for p in RECORDINGS.iterdir() if (p / "device").is_file())


def syspath(device_file):
    # The first P: is the device; the ones after it are its parents.
    for line in Path(device_file).read_text().splitlines():
        if line.startswith("P: "):
            return "/sys" + line[3:].strip()
    raise ValueError(f"{device_file}: no P: line")


@dataclass
class Event:
    log: list    # udevadm's diagnostics and rule trace
    props: dict  # the property list printed at the end
    gid: str     # what GROUP="enrolld" resolves to in the namespace

    def final(self, key):
        """The last GROUP or MODE a rule assigned (our ":=" makes ours the last)."""
        values = [m.group(1) for l in self.log if (m := re.match(rf"^\S+: \S+:\d+ {key} (\S+)$", l))]
        return values[-1] if values else None

    def current_tags(self):
        return set(filter(None, self.props.get("CURRENT_TAGS", "").split(":")))

    def complaints(self, rules_file):
        # Parse diagnostics start with the file name; the rule trace starts with the device.
        return [l for l in self.log if l.startswith(f"/etc/udev/rules.d/{rules_file}:")]


@pytest.fixture
def udev(tmp_path):
    """udev(device_file, rules={file name: text}) -> Event, for one "add" event."""
    for tool in ("udevadm", "umockdev-run", "unshare"):
        require_tool(tool)
    if os.geteuid() != 0:
        pytest.skip("needs root: udev rule tests use a private mount namespace (unshare -m)")
    if not RULES.is_file():
        pytest.fail(f"{RULES} is missing")

    def run(device_file, rules=None):
        rules_dir = tmp_path / f"rules.d.{len(list(tmp_path.iterdir()))}"
        rules_dir.mkdir()
        null = tmp_path / "null"
        null.touch()
        for name, text in (rules or {RULES_NAME: RULES.read_text()}).items():
            (rules_dir / name).write_text(text)
        try:
            gid, group_file = str(grp.getgrnam("enrolld").gr_gid), ""
        except KeyError:
            gid, group_file = str(NAMESPACE_GID), tmp_path / "group"
            group_file.write_text(Path("/etc/group").read_text() + f"enrolld:x:{gid}:\n")
        proc = subprocess.run(
            ["unshare", "-m", "sh", "-c", NAMESPACE_SCRIPT, "sh",
             str(rules_dir), str(group_file), str(device_file), syspath(device_file), str(null)],
            capture_output=True, text=True, timeout=60)
        out = proc.stdout + proc.stderr
        if proc.returncode == 77 or "unshare failed" in out:
            pytest.skip(f"cannot set up a private mount namespace here: {out.strip()[-300:]}")
        assert proc.returncode == 0, f"udevadm test failed ({proc.returncode}):\n{out}"
        # The rule trace goes to stderr, the final property list to stdout.
        props = dict(l.split("=", 1) for l in proc.stdout.splitlines() if re.match(r"^[A-Z0-9_]+=", l))
        assert "DEVPATH" in props, f"udevadm printed no properties:\n{out}"
        return Event(proc.stderr.splitlines(), props, gid)

    return run


def usb_device(path, vid, pid, device_class):
    """A plain USB device on root hub 1 (umockdev description)."""
    path.write_text(f"""\
P: /devices/pci0000:00/0000:00:14.0/usb1/1-3
E: DEVNAME=/dev/bus/usb/001/007
E: DEVTYPE=usb_device
E: DRIVER=usb
E: PRODUCT={int(vid, 16):x}/{int(pid, 16):x}/100
E: BUSNUM=001
E: DEVNUM=007
E: MAJOR=189
E: MINOR=6
E: SUBSYSTEM=usb
A: idVendor={vid}
A: idProduct={pid}
A: bDeviceClass={device_class}

P: /devices/pci0000:00/0000:00:14.0/usb1
E: DEVTYPE=usb_device
E: DRIVER=usb
E: MAJOR=189
E: MINOR=0
E: SUBSYSTEM=usb
A: idVendor=1d6b
A: idProduct=0002
A: bDeviceClass=09

P: /devices/pci0000:00/0000:00:14.0
E: DRIVER=xhci_hcd
E: SUBSYSTEM=pci
""")
    return path


def uvc_node(path, capabilities):
    """A UVC camera's video4linux node with its USB parents (umockdev description).

    udev asks v4l_id for ID_V4L_CAPABILITIES, which needs a V4L2 driver to answer
    VIDIOC_QUERYCAP; there is none here (the vivid VM tests cover real V4L2).  So the
    node's uevent carries the value v4l_id would report; udev keeps it when v4l_id fails.
    """
    usb = usb_device(path, "046d", "0825", "ef").read_text().replace("1-3", "1-5")
    path.write_text(f"""\
P: /devices/pci0000:00/0000:00:14.0/usb1/1-5/1-5:1.0/video4linux/video0
E: DEVNAME=/dev/video0
E: MAJOR=81
E: MINOR=0
E: SUBSYSTEM=video4linux
E: ID_V4L_CAPABILITIES={capabilities}
A: name=USB Camera
A: index=0
A: dev=81:0

P: /devices/pci0000:00/0000:00:14.0/usb1/1-5/1-5:1.0
E: DEVTYPE=usb_interface
E: DRIVER=uvcvideo
E: SUBSYSTEM=usb
A: bInterfaceClass=0e

{usb}""")
    return path


def assert_untouched(event):
    assert event.final("GROUP") != event.gid
    assert "SYSTEMD_WANTS" not in event.props
    assert "ENROLLD_ROLE" not in event.props


# --- recorded readers ---------------------------------------------------------------

@pytest.mark.parametrize("name", recordings() or [None])
def test_recorded_reader_is_given_to_enrolld(udev, name):
    if name is None:
        pytest.skip(f"no reader recordings in {RECORDINGS} (shared fixtures absent)")
    event = udev(RECORDINGS / name / "device")
    assert event.complaints(RULES_NAME) == [], "udev complained while parsing our rules"
    assert event.final("GROUP") == event.gid
    assert event.final("MODE") == "0660"
    assert "systemd" in event.current_tags()
    assert "enrolld.service" in event.props.get("SYSTEMD_WANTS", "").split()
    assert event.props.get("ENROLLD_ROLE") == "fingerprint"


# --- devices that must be left alone ------------------------------------------------

def test_usb_keyboard_is_left_alone(udev, tmp_path):
    event = udev(usb_device(tmp_path / "keyboard", "046d", "c31c", "00"))
    assert event.complaints(RULES_NAME) == []
    assert_untouched(event)


def known_unsupported_reader():
    """First id of libfprint's "Known unsupported devices"; 06cb:00a2 is one in 1.94.5."""
    for hwdb in [*Path("/usr/lib/udev/hwdb.d").glob("*libfprint*.hwdb"),
                 *Path("/lib/udev/hwdb.d").glob("*libfprint*.hwdb")]:
        _, found, rest = hwdb.read_text().partition("# Known unsupported devices\n")
        if m := found and re.search(r"^usb:v([0-9A-F]{4})p([0-9A-F]{4})\*", rest, re.M):
            return m.group(1).lower(), m.group(2).lower()
    return "06cb", "00a2"


def test_reader_libfprint_lists_as_unsupported_is_left_alone(udev, tmp_path):
    event = udev(usb_device(tmp_path / "unsupported", *known_unsupported_reader(), "ff"))
    assert_untouched(event)


# --- cameras --------------------------------------------------------------------------

def test_capture_node_goes_to_enrolld_and_not_to_the_seat_user(udev, tmp_path):
    event = udev(uvc_node(tmp_path / "camera", ":capture:"))
    assert event.complaints(RULES_NAME) == []
    assert event.final("GROUP") == event.gid
    assert event.final("MODE") == "0660"
    assert "uaccess" not in event.current_tags()
    # systemd 252 still runs the uaccess builtin (sticky tags); it finds no one on this seat.
    assert event.props.get("ID_SEAT") == "seat-enrolld"
    assert event.props.get("ENROLLD_ROLE") == "camera"


def test_metadata_node_is_kept_from_the_seat_user_but_not_given_to_enrolld(udev, tmp_path):
    event = udev(uvc_node(tmp_path / "meta", ":"))
    assert event.final("GROUP") != event.gid
    assert "uaccess" not in event.current_tags()
    assert event.props.get("ID_SEAT") == "seat-enrolld"


def test_under_a_70_name_uaccess_would_be_put_back(udev, tmp_path):
    # Why the file is 71-: as 70-enrolld.rules it runs before 70-uaccess.rules.
    event = udev(uvc_node(tmp_path / "camera", ":capture:"),
                 rules={"70-enrolld.rules": RULES.read_text()})
    assert "uaccess" in event.current_tags()


# --- generator --------------------------------------------------------------------------

def generate(*args):
    return subprocess.run([sys.executable, str(GENERATOR), *args],
                          capture_output=True, text=True, timeout=30)


def test_committed_rules_equal_a_fresh_generation_from_installed_libfprint():
    require_tool("dpkg-query")
    if subprocess.run(["dpkg-query", "-W", "libfprint-2-2"], capture_output=True).returncode:
        pytest.skip("libfprint-2-2 is not installed; cannot regenerate the reader list")
    proc = generate()
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == RULES.read_text(), (
        "udev/71-enrolld.rules is stale: run scripts/gen-udev-rules -o udev/71-enrolld.rules")


def test_generator_takes_supported_sections_only(tmp_path):
    hwdb = tmp_path / "fake.hwdb"
    hwdb.write_text("# header\n\n"
                    "# Supported by libfprint driver alpha\nusb:v1234pABCD*\nusb:v1234p0001*\n"
                    " ID_AUTOSUSPEND=1\n\n"
                    "# Known unsupported devices\nusb:v1234p0002*\n ID_AUTOSUSPEND=1\n")
    proc = generate("--hwdb", str(hwdb))
    assert proc.returncode == 0, proc.stderr
    assert 'ATTR{idVendor}=="1234", ATTR{idProduct}=="abcd|0001", GOTO="enrolld_reader"' in proc.stdout
    assert "0002" not in proc.stdout


def test_generator_refuses_a_format_it_does_not_know(tmp_path):
    hwdb = tmp_path / "fake.hwdb"
    hwdb.write_text("# Supported by libfprint driver alpha\nusb:v1234*\n")
    assert generate("--hwdb", str(hwdb)).returncode != 0
