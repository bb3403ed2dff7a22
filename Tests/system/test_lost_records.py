"""A kiosk database that silently lost committed records, end to end through the daemon
(as test_older_database.py does for a database older than the server): three enrollments
are committed, and a copy of the database taken after the first is put back while enrolld
is stopped: a sound database, one record long (the unit tests in
Tests/StoreTests/ChainWitnessStoreTests.swift also tear and delete the WAL). The chain witness
(enrolld.head) remembers what was acknowledged: `enrollctl queue`, the admission answer and
the journal (catalog entry 81057618…, `recordsLostFromDatabase`) say which records are
gone, and nothing new is sealed. Then the catalog's acceptance, `enrolld
--accept-lost-records N` with enrolld stopped, lets the kiosk continue its chain after N."""

import subprocess

import pytest
from kiosk_daemon import ENROLLD, Kiosk
from test_older_database import POLICY, admission, backup, enroll, put_back

RECORDS_LOST = "81057618997247ab94f767d8dac059ad"
FINDING = "the record database lost committed records 2…3"


def accept(kiosk, through):
    return subprocess.run([ENROLLD, "--config", kiosk.folder / "enrolld.yaml", "--accept-lost-records", str(through)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def lost(tmp_path):
    """Three records committed, the copy taken after the first put back, enrolld started."""
    if not ENROLLD.exists():
        pytest.skip("enrolld is not built (swift build)")
    (tmp_path / "kiosk").mkdir()
    kiosk = Kiosk(tmp_path / "kiosk", extra=POLICY)
    try:
        kiosk.add_operator("op1", "operator")
        enroll(kiosk, "LOST-1")
        backup(kiosk, tmp_path / "after-first.sqlite")
        enroll(kiosk, "LOST-2")
        enroll(kiosk, "LOST-3")
        assert "Chain:     3 record(s)" in kiosk.enrollctl("queue").stdout
        assert kiosk.stop() == 0, kiosk.log()[-3000:]
        put_back(kiosk, tmp_path / "after-first.sqlite")
        kiosk.start()
        yield kiosk
    finally:
        kiosk.stop()


def test_lost_records_are_refused_everywhere_a_technician_looks(lost):
    kiosk = lost
    queue = kiosk.enrollctl("queue").stdout
    assert "Chain:     1 record(s)" in queue and "Accepting: no, " + FINDING in queue, queue
    assert "records 2…3 had not been receipted" in queue, queue
    answer = admission(kiosk)
    assert answer["accepting"] is False and answer["error"] == "not_accepting" and FINDING in answer["message"], answer
    refused = kiosk.browser("op1").post(kiosk.url + "/v1/sessions", timeout=30)
    assert refused.status_code == 503 and refused.json()["error"] == "not_accepting", refused.text
    lines = [line for line in kiosk.log().splitlines() if RECORDS_LOST in line]
    found = [line for line in lines if "chain.lost_through=3" in line]
    assert found and "chain.database_head=1" in found[0], lines
    assert "LOST-" not in kiosk.log()


def test_accepting_the_loss_continues_the_chain_after_it(lost):
    kiosk = lost
    running = accept(kiosk, 3)
    assert running.returncode == 1 and "another enrolld is running" in running.stderr, running
    assert kiosk.stop() == 0
    wrong = accept(kiosk, 2)
    assert wrong.returncode == 1 and "nothing changed" in wrong.stderr, wrong
    done = accept(kiosk, 3)
    assert done.returncode == 0, done.stderr
    assert "accept-gap --after 3" in done.stdout, done.stdout
    kiosk.start()
    assert admission(kiosk)["accepting"] is True
    enroll(kiosk, "LOST-AFTER")
    queue = kiosk.enrollctl("queue").stdout
    assert "Chain:     4 record(s)" in queue and "Accepting: yes" in queue, queue
    # And the start after that verifies the outbox across the accepted loss.
    assert kiosk.stop() == 0
    kiosk.start()
    assert admission(kiosk)["accepting"] is True, kiosk.enrollctl("queue").stdout
