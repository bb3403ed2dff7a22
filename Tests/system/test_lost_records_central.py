"""Records a kiosk's database lost, end to end through the real central server: enrolld
uploads to enroll-ingest over mutual TLS; some records are delivered, then the receiver is
down while more are committed; a copy of the database taken after the first delivery is
put back while enrolld is stopped (the chain witness, enrolld.head, still names the later
records). What follows is what a technician and central IT do and read:

- the kiosk refuses enrollments and says which records are gone (`enrollctl queue`, the
  journal entry 81057618…, `recordsLostFromDatabase`);
- the technician accepts the loss (`enrolld --accept-lost-records N`, enrolld stopped), which
  tells them what central IT will have to acknowledge;
- new enrollments are sealed after N; the centre refuses them as a gap, the kiosk says that
  central IT must acknowledge records it lost itself (`enrollctl sync` / `status`, journal
  entry 10ffd806…); the receiver logs which records are missing, `enroll-ingest list`
  flags the kiosk's gap, and `enroll-ingest accept-gap` without --after names it;
- central IT acknowledges it (`accept-gap --after N`), the backlog empties, the records are
  receipted and the chain goes on at the centre record after record.

Three roll-backs: to before records never delivered (the centre lacks all the lost ones);
to before one the centre had receipted and one it had not (the server is then also ahead of
the database, and the gap is only the unreceipted one); and to before records that were all
receipted. In the last case the centre lacks nothing: there is no gap to acknowledge, and
the test checks that the kiosk continues and that central IT is not asked for anything.

No enroll-ingest command re-verifies a stored chain: the receiver stores a record only when
its sequence and previous hash follow the head it holds (docs/sync-protocol.md), so a record
stored after the acknowledgement, and the next one stored after it without a refusal, is
the centre's check that the chain continues; the records across the gap are gone for good
(their hashes with them), which is what the acknowledgement records."""

import subprocess

import pytest
from central_receiver import registered_kiosk
from kiosk_daemon import ENROLLD
from test_demo import wait_until
from test_older_database import POLICY, admission, backup, enroll, put_back

RECORDS_LOST = "81057618997247ab94f767d8dac059ad"
AWAITS_ACKNOWLEDGEMENT = "10ffd806c68d4278800ede0606d9d284"
OLDER_DATABASE = "479d6129da7c422a86d42eea47855a2a"


def accept(kiosk, through):
    return subprocess.run([ENROLLD, "--config", kiosk.folder / "enrolld.yaml", "--accept-lost-records", str(through)],
                          capture_output=True, text=True, timeout=120)


def sync_shows(kiosk, text):
    return text in kiosk.enrollctl("sync").stdout


def sequences(receiver):
    return [sequence for _, sequence in receiver.stored()]


def journal(kiosk, message_id):
    return [line for line in kiosk.log().splitlines() if message_id in line]


@pytest.fixture
def rolled_back(tmp_path, request):
    """`delivered` records receipted, then `undelivered` more committed while the receiver is
    down, then the copy taken after the first delivery put back and enrolld started on it."""
    delivered, undelivered = request.param
    with registered_kiosk(tmp_path, POLICY, [("op1", "operator")]) as (receiver, kiosk):
        enroll(kiosk, "GAP-1")
        wait_until(lambda: sync_shows(kiosk, "Delivered:    1 record"), 60, "record 1 delivered")
        backup(kiosk, tmp_path / "after-first-delivery.sqlite")
        for number in range(2, delivered + 1):
            enroll(kiosk, f"GAP-{number}")
            wait_until(lambda: sync_shows(kiosk, f"Delivered:    {number} record"), 60, f"record {number} delivered")
        receiver.stop()
        for number in range(delivered + 1, delivered + undelivered + 1):
            enroll(kiosk, f"GAP-{number}")
        queue = kiosk.enrollctl("queue").stdout
        assert f"Depth:     {undelivered} record(s) not yet receipted" in queue, queue
        assert f"Chain:     {delivered + undelivered} record(s)" in queue, queue
        assert sequences(receiver) == list(range(1, delivered + 1))

        assert kiosk.stop() == 0, kiosk.log()[-3000:]
        put_back(kiosk, tmp_path / "after-first-delivery.sqlite")
        receiver.start()
        kiosk.start()
        yield receiver, kiosk


def refused_with(kiosk, finding):
    queue = kiosk.enrollctl("queue").stdout
    assert "Chain:     1 record(s)" in queue and "Accepting: no" in queue and finding in queue, queue
    assert admission(kiosk)["accepting"] is False
    lines = [line for line in journal(kiosk, RECORDS_LOST) if "chain.lost_through=3" in line]
    assert lines and "chain.database_head=1" in lines[0], journal(kiosk, RECORDS_LOST)
    return queue


def accepted_and_enrolling(kiosk, advice, while_idle=lambda: None):
    assert kiosk.stop() == 0, kiosk.log()[-3000:]
    done = accept(kiosk, 3)
    assert done.returncode == 0, done.stderr
    assert ("accept-gap --after 3" in done.stdout) == advice, done.stdout
    kiosk.start()
    wait_until(lambda: admission(kiosk)["accepting"], 60, "enrollments accepted after the technician's acceptance")
    while_idle()
    enroll(kiosk, "GAP-4")
    queue = kiosk.enrollctl("queue").stdout
    assert "Chain:     4 record(s)" in queue and "Accepting: yes" in queue, queue


def centre_waits_for_acknowledgement(receiver, kiosk, missing, held):
    """The kiosk and the centre both say what is missing; nothing later is stored."""
    span = f"{missing[0]}…{missing[-1]}"
    wait_until(lambda: sync_shows(kiosk, f"Centre lacks: records {span}"), 60, "the missing records in enrollctl sync: " + kiosk.enrollctl("sync").stdout)
    shown = kiosk.enrollctl("sync").stdout
    assert "lost from this kiosk's database" in shown and f"accept-gap --after {missing[-1]}" in shown, shown
    assert "Backlog:      1 record(s)" in shown and "restore a newer central backup" not in shown, shown
    status = kiosk.enrollctl("status").stdout
    assert f"lacks records {span}" in status and f"accept-gap --after {missing[-1]}" in status, status
    entries = journal(kiosk, AWAITS_ACKNOWLEDGEMENT)
    assert len(entries) == 1, entries
    assert f"sync.missing_from={missing[0]}" in entries[0] and f"sync.missing_through={missing[-1]}" in entries[0], entries[0]
    assert sequences(receiver) == held

    wait_until(lambda: f"records {span} of this kiosk are missing; see `enroll-ingest accept-gap`" in receiver.output(), 60,
               "the gap in the receiver's log: " + receiver.output()[-2000:])
    listed = receiver.command("list")
    assert listed.returncode == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if "test-kiosk" in line)
    assert row.split()[2] == str(held[-1]), listed.stdout
    assert f"GAP: records {span} missing (enroll-ingest accept-gap)" in row, listed.stdout
    assert "1 with a gap in its chain" in listed.stdout, listed.stdout
    shown = receiver.command("accept-gap", "--label", "test-kiosk")
    assert shown.returncode == 0, shown.stderr
    assert f"records {span} are missing (chain head {held[-1]}, next record sent 4)" in shown.stdout, shown.stdout
    assert f"accept-gap --after {missing[-1]}" in shown.stdout, shown.stdout


def acknowledged_and_delivered(receiver, kiosk, missing, held):
    wrong = receiver.command("accept-gap", "--label", "test-kiosk", "--after", str(missing[-1] + 1))
    assert wrong.returncode == 1 and "refused" in wrong.stderr and f"{missing[0]}…{missing[-1]}" in wrong.stderr, wrong
    assert sequences(receiver) == held, "a refused acknowledgement changes nothing"
    done = receiver.command("accept-gap", "--label", "test-kiosk", "--after", str(missing[-1]))
    assert done.returncode == 0, done.stderr
    assert f"records {missing[0]}…{missing[-1]} acknowledged as lost" in done.stdout, done.stdout

    wait_until(lambda: sync_shows(kiosk, "Backlog:      0 record(s)"), 60, "the backlog delivered: " + kiosk.enrollctl("sync").stdout)
    assert sequences(receiver) == held + [4]
    shown = kiosk.enrollctl("sync").stdout
    assert "Centre lacks" not in shown, shown
    assert any(f"reaches past {missing[-1]} again" in line for line in kiosk.log().splitlines()), kiosk.log()[-3000:]
    chain_goes_on(receiver, kiosk, held + [4])


def chain_goes_on(receiver, kiosk, stored):
    """One more record, chained to the last: the centre stores it without a refusal."""
    enroll(kiosk, "GAP-5")
    wait_until(lambda: sequences(receiver) == stored + [5], 60, "record 5 at the centre")
    wait_until(lambda: sync_shows(kiosk, "Backlog:      0 record(s)"), 60, "record 5 receipted")
    again = receiver.command("accept-gap", "--label", "test-kiosk")
    assert again.returncode == 0 and "no gap (chain head 5)" in again.stdout, again.stdout
    listed = receiver.command("list").stdout
    assert next(line for line in listed.splitlines() if "test-kiosk" in line).split()[2] == "5", listed
    assert "GAP" not in listed and "with a gap" not in listed, listed
    assert "GAP-" not in kiosk.log() and "GAP-" not in receiver.output()


@pytest.mark.parametrize("rolled_back", [(1, 2)], indirect=True)
def test_records_never_delivered_are_acknowledged_by_central_it(rolled_back):
    receiver, kiosk = rolled_back
    queue = refused_with(kiosk, "the record database lost committed records 2…3")
    assert "records 2…3 had not been receipted" in queue, queue

    def idle():
        """Before anything new is sent, the kiosk already knows from the server's chain head;
        the server has seen nothing beyond its head yet, so it knows of no gap."""
        wait_until(lambda: sync_shows(kiosk, "Centre lacks: records 2…3"), 60, "the idle kiosk's finding: " + kiosk.enrollctl("sync").stdout)
        entries = journal(kiosk, AWAITS_ACKNOWLEDGEMENT)
        assert len(entries) == 1 and "the server knows the gap once this kiosk has sent a later record" in entries[0], entries
        shown = receiver.command("accept-gap", "--label", "test-kiosk")
        assert shown.returncode == 0 and "no gap (chain head 1)" in shown.stdout, shown.stdout
        early = receiver.command("accept-gap", "--label", "test-kiosk", "--after", "3")
        assert early.returncode == 1 and "no gap is known" in early.stderr, early

    accepted_and_enrolling(kiosk, advice=True, while_idle=idle)
    centre_waits_for_acknowledgement(receiver, kiosk, missing=[2, 3], held=[1])
    acknowledged_and_delivered(receiver, kiosk, missing=[2, 3], held=[1])


@pytest.mark.parametrize("rolled_back", [(2, 1)], indirect=True)
def test_a_receipted_record_lost_with_an_unreceipted_one_leaves_only_the_latter_to_acknowledge(rolled_back):
    """The centre holds record 2, which the database lost: the server is ahead of the
    database too, and says so once it answers; the technician's acceptance is the remedy for
    both findings, and central IT acknowledges only record 3."""
    receiver, kiosk = rolled_back
    wait_until(lambda: journal(kiosk, OLDER_DATABASE), 60, "the server's finding: " + kiosk.enrollctl("sync").stdout)
    queue = refused_with(kiosk, "the record database lost committed records 2…3")
    assert "record 2 had been receipted" in queue and "record 3 had not been receipted" in queue, queue
    before = len(journal(kiosk, OLDER_DATABASE))
    accepted_and_enrolling(kiosk, advice=True)
    assert len(journal(kiosk, OLDER_DATABASE)) == before, "no new finding once the chain is past the server's head"
    centre_waits_for_acknowledgement(receiver, kiosk, missing=[3], held=[1, 2])
    acknowledged_and_delivered(receiver, kiosk, missing=[3], held=[1, 2])


@pytest.mark.parametrize("rolled_back", [(3, 0)], indirect=True)
def test_records_the_centre_had_receipted_need_no_acknowledgement(rolled_back):
    """Everything lost was delivered: the centre holds it, so nothing is missing there."""
    receiver, kiosk = rolled_back
    queue = refused_with(kiosk, "the record database lost committed records 2…3")
    assert "records 2…3 had been receipted" in queue and "not been receipted" not in queue, queue
    accepted_and_enrolling(kiosk, advice=False)
    wait_until(lambda: sequences(receiver) == [1, 2, 3, 4], 60, "record 4 at the centre")
    wait_until(lambda: sync_shows(kiosk, "Backlog:      0 record(s)"), 60, "record 4 receipted")
    assert "Centre lacks" not in kiosk.enrollctl("sync").stdout
    assert not journal(kiosk, AWAITS_ACKNOWLEDGEMENT)
    shown = receiver.command("accept-gap", "--label", "test-kiosk")
    assert shown.returncode == 0 and "no gap (chain head 4)" in shown.stdout, shown.stdout
    chain_goes_on(receiver, kiosk, [1, 2, 3, 4])
