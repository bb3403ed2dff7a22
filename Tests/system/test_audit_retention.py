"""The kiosk lets go of audit entries the centre holds, end to end with the real enrolld and
enroll-ingest: with `storage.audit_retention_days: 0` every entry the receiver acknowledged
is deleted at the next retention pass (one runs at start); `enrollctl audit --verify` says
which entries went and checks the chain from the last one; what the kiosk writes next still
links, on the kiosk and on the receiver, whose trail stays whole."""

import re

from central_receiver import registered_kiosk
from test_demo import wait_until
from test_older_database import POLICY, enroll

STORAGE = "storage: {min_free_mib: 1, audit_retention_days: 0}\n"


def centre_holds_all(kiosk):
    """Waits until `enrollctl sync` says the centre holds the whole audit log; how many."""
    pattern = re.compile(r"Audit log:    the centre holds all (\d+) entries")
    wait_until(lambda: pattern.search(kiosk.enrollctl("sync").stdout), 60,
               "the audit log to reach the centre: " + kiosk.enrollctl("sync").stdout)
    return int(pattern.search(kiosk.enrollctl("sync").stdout).group(1))


def test_acknowledged_entries_are_let_go_and_the_trail_goes_on(tmp_path):
    with registered_kiosk(tmp_path, POLICY, [("op1", "supervisor")], storage=STORAGE) as (receiver, kiosk):
        enroll(kiosk, "A-1")
        first = centre_holds_all(kiosk)

        # Retention runs at start: everything the centre acknowledged goes.
        kiosk.stop()
        kiosk.start()
        audit = kiosk.enrollctl("audit", "--verify")
        assert audit.returncode == 0, audit.stdout + audit.stderr
        assert f"Entries 1…{first}: let go on this kiosk after the central server acknowledged them" in audit.stdout, audit.stdout
        assert f"checked from entry {first + 1}, linked to the last one let go" in audit.stdout, audit.stdout
        # The first entry still listed comes after the ones let go.
        listed = [int(line.split()[0]) for line in audit.stdout.splitlines() if line[:1].isdigit()]
        assert all(seq > first for seq in listed), audit.stdout

        enroll(kiosk, "A-2")
        total = centre_holds_all(kiosk)
        assert total > first
        central = receiver.command("audit", "--label", "test-kiosk", "--limit", "100000")
        assert central.returncode == 0, central.stderr
        assert f"{total} audit entries 1…{total}, chain verified" in central.stdout, central.stdout
        again = kiosk.enrollctl("audit", "--verify")
        assert again.returncode == 0 and "Chain: holds" in again.stdout, again.stdout
