"""`make install DESTDIR=…` puts every file in its FHS place and never overwrites /etc."""

import subprocess

import pytest
from conftest import REPO, require_tool

EXPECTED = [
    "usr/sbin/enrolld",
    "usr/bin/enrollctl",
    "usr/share/bash-completion/completions/enrollctl",
    "usr/lib/systemd/system/enrolld.service",
    "usr/lib/sysusers.d/enrolld.conf",
    "usr/lib/systemd/catalog/enrolld.catalog",
    "usr/lib/modules-load.d/enrolld.conf",
    "usr/lib/udev/rules.d/71-enrolld.rules",
    "usr/share/doc/enrolld/enrolld.yaml",
    "usr/share/doc/enrolld/README.md",
    "etc/enrolld/enrolld.yaml",
    # The shipped consent texts, where session.consent_directory expects them.
    "usr/share/enrolld/consent/1/en.txt",
    "usr/share/enrolld/consent/1/en.face.txt",
    "usr/share/enrolld/consent/1/fa.fingers.txt",
    "usr/share/enrolld/consent/2/en.txt",
    "usr/share/enrolld/consent/2/fa.face.txt",
]


def make_install(destdir, *extra):
    require_tool("make")
    require_tool("swift")
    # The debug build is the one `make test` has just made: no second (release) build.
    return subprocess.run(
        ["make", "-s", "install", f"DESTDIR={destdir}", "CONFIGURATION=debug", *extra],
        cwd=REPO, capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    root = tmp_path_factory.mktemp("destdir")
    result = make_install(root)
    assert result.returncode == 0, result.stderr
    return root


def test_every_file_lands_in_its_place(installed):
    for path in EXPECTED:
        assert (installed / path).is_file(), f"{path} not installed"
    assert (installed / "usr/sbin/enrolld").stat().st_mode & 0o111
    version = subprocess.run([installed / "usr/sbin/enrolld", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.strip()


def test_enrollctl_completes_its_commands_in_bash(installed):
    """A technician at the kiosk's shell types `enrollctl sync <Tab>` and sees its subcommands."""
    require_tool("bash")
    script = installed / "usr/share/bash-completion/completions/enrollctl"
    probe = subprocess.run(
        ["bash", "-c", 'source "$1"; COMP_WORDS=(enrollctl sync ""); COMP_CWORD=2; COMP_LINE="enrollctl sync "; '
                       'COMP_POINT=${#COMP_LINE}; _enrollctl; printf "%s\\n" "${COMPREPLY[@]}"', "probe", str(script)],
        capture_output=True, text=True, timeout=30,
    )
    assert probe.returncode == 0, probe.stderr
    assert {"show", "now"} <= set(probe.stdout.split()), probe.stdout


def test_installed_config_is_valid(installed):
    check = subprocess.run(
        [installed / "usr/sbin/enrolld", "--check-config", installed / "etc/enrolld/enrolld.yaml"],
        capture_output=True, text=True,
    )
    assert check.returncode == 0, check.stderr
    # It holds the station key: not for every account on the kiosk.
    assert ((installed / "etc/enrolld/enrolld.yaml").stat().st_mode & 0o777) == 0o640


def test_existing_config_is_kept(tmp_path):
    config = tmp_path / "etc/enrolld/enrolld.yaml"
    config.parent.mkdir(parents=True)
    config.write_text("version: 1\n# the technician's own\n")
    assert make_install(tmp_path).returncode == 0
    assert config.read_text() == "version: 1\n# the technician's own\n"


def test_prefix_reaches_the_unit(tmp_path):
    result = make_install(tmp_path, "PREFIX=/usr/local")
    assert result.returncode == 0, result.stderr
    unit = (tmp_path / "usr/local/lib/systemd/system/enrolld.service").read_text()
    assert "ExecStart=/usr/local/sbin/enrolld " in unit
