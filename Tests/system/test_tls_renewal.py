"""TLS files renewed in place while enrolld runs, end to end through the daemon and the real
enroll-ingest over mutual TLS, as configuration management renews a kiosk: new files are
written beside the old ones and renamed over them; nobody restarts enrolld.

- the kiosk uploads with its certificate;
- a renewal copied halfway (another key beside the certificate) is refused: once in the
  journal (err, naming central.client_key and the file), in `enrollctl sync` and /v1/status,
  while the next record is still delivered with the certificate loaded before;
- `systemctl reload enrolld` (SIGHUP, what the unit's ExecReload sends) looks at once and
  says so: still refused, reloaded, unchanged; the daemon survives every SIGHUP;
- that the new files are really used is shown by the receiver: an expired certificate for
  the kiosk's key, put in place, is refused by it at the next upload; the renewal for the
  same key (`provision-issue renew`) then delivers the waiting record at the next attempt,
  with no SIGHUP and no restart (the same process throughout)."""

import os
import signal

import pytest
from central_receiver import INGEST, CentralReceiver, run
from conftest import REPO
from kiosk_daemon import ENROLLCTL, ENROLLD, Kiosk
from test_demo import wait_until
from test_older_database import POLICY, enroll

RELOADED = "539ac260402a485ea16d2266d14af826"
REFUSED = "9100059d9da04de8aea72bba1c6ae5ab"


def install(source, target):
    """As configuration management does it: written beside, then renamed into place."""
    beside = target.parent / f".{target.name}.new"
    beside.write_bytes(source.read_bytes())
    os.rename(beside, target)


def journal(kiosk, message_id):
    return [line for line in kiosk.log().splitlines() if message_id in line]


def sync_text(kiosk):
    return kiosk.enrollctl("sync").stdout


def delivered(kiosk, count):
    wait_until(lambda: f"Delivered:    {count} record" in sync_text(kiosk), 60, f"{count} delivered: " + sync_text(kiosk))


@pytest.fixture
def renewing(tmp_path):
    """A receiver, and an enrolld whose TLS files live in tmp_path/tls (as /etc/enrolld/tls),
    registered by the key of `renewed`: pki/renewed.key, an expired certificate for it
    (expired-renewed.pem) and a valid one (renewed.pem)."""
    if not ENROLLD.exists():
        pytest.skip("enrolld is not built (swift build)")
    receiver = CentralReceiver(tmp_path / "central")
    pki = receiver.pki
    run(REPO / "scripts" / "provision-issue", pki, "expired", "renewed")
    os.rename(pki / "renewed.pem", pki / "expired-renewed.pem")
    run(REPO / "scripts" / "provision-issue", pki, "renew", "renewed")
    tls = tmp_path / "tls"
    tls.mkdir()
    install(pki / "ca.pem", tls / "ca.pem")
    install(pki / "renewed.pem", tls / "kiosk.pem")
    install(pki / "renewed.key", tls / "kiosk.key")
    central = receiver.central(tls=tls)
    (tmp_path / "kiosk").mkdir()
    kiosk = Kiosk(tmp_path / "kiosk", keys=False, extra=POLICY + central)
    try:
        kiosk.add_operator("op1", "operator")
        shown = run(ENROLLCTL, "key", "show", "--socket", kiosk.socket)
        key = next(line.split()[2] for line in shown.splitlines() if "Public key:" in line)
        run(INGEST, "register", "--devices", receiver.devices, "--device-key", key,
            "--client-certificate", pki / "renewed.pem", "--label", "renewing-kiosk")
        yield receiver, kiosk, pki, tls
    finally:
        kiosk.stop()
        receiver.stop()


def test_renewed_tls_files_are_used_without_a_restart_and_a_half_copied_renewal_is_refused(renewing):
    receiver, kiosk, pki, tls = renewing
    pid = kiosk.process.pid
    enroll(kiosk, "TLS-1")
    delivered(kiosk, 1)

    # Half copied: another kiosk's key beside this kiosk's certificate.
    install(pki / "kiosk.key", tls / "kiosk.key")
    kiosk.process.send_signal(signal.SIGHUP)
    wait_until(lambda: "TLS files:" in sync_text(kiosk), 30, "the refusal in enrollctl sync: " + sync_text(kiosk))
    shown = sync_text(kiosk)
    assert f"central.client_key {tls / 'kiosk.key'}: does not go with the certificate" in shown, shown
    status = kiosk.sock("GET", "/v1/status")[1]
    assert "does not go with the certificate" in status["sync"]["tls_files_refused"], status["sync"]
    refusals = journal(kiosk, REFUSED)
    assert len(refusals) == 1 and refusals[0].startswith("<3>"), kiosk.log()[-3000:]
    assert f"central.client_key {tls / 'kiosk.key'}" in refusals[0], refusals[0]
    # Uploads go on with the certificate and key loaded before; still one entry.
    enroll(kiosk, "TLS-2")
    delivered(kiosk, 2)
    kiosk.process.send_signal(signal.SIGHUP)
    wait_until(lambda: "still refused" in kiosk.log(), 30, "the SIGHUP's answer: " + kiosk.log()[-2000:])
    assert len(journal(kiosk, REFUSED)) == 1, kiosk.log()[-3000:]

    # The key put back: the set in place is usable again.
    install(pki / "renewed.key", tls / "kiosk.key")
    kiosk.process.send_signal(signal.SIGHUP)
    wait_until(lambda: "TLS files:" not in sync_text(kiosk), 30, "the refusal gone: " + sync_text(kiosk))
    assert "tls_files_refused" not in kiosk.sock("GET", "/v1/status")[1]["sync"]

    # An expired certificate for the same key: loaded (it is a usable pair), and the
    # receiver refuses it at the next upload, which shows that the new file is the one used.
    install(pki / "expired-renewed.pem", tls / "kiosk.pem")
    kiosk.process.send_signal(signal.SIGHUP)
    enroll(kiosk, "TLS-3")
    wait_until(lambda: "refused this kiosk's TLS client certificate as expired" in sync_text(kiosk), 60,
               "the receiver's refusal: " + sync_text(kiosk))
    assert len(receiver.stored()) == 2
    assert any("already past by this kiosk's clock" in line for line in journal(kiosk, RELOADED)), kiosk.log()[-3000:]

    # The renewal for the same key: picked up at the next attempt, no SIGHUP, no restart.
    reloads = len(journal(kiosk, RELOADED))
    run(REPO / "scripts" / "provision-issue", pki, "renew", "renewed")
    install(pki / "renewed.pem", tls / "kiosk.pem")
    delivered(kiosk, 3)
    assert [sequence for _, sequence in receiver.stored()] == [1, 2, 3]
    assert len(journal(kiosk, RELOADED)) == reloads + 1, kiosk.log()[-3000:]
    assert "Last error:   none" in sync_text(kiosk), sync_text(kiosk)

    kiosk.process.send_signal(signal.SIGHUP)
    wait_until(lambda: "the TLS files are unchanged" in kiosk.log(), 30, "the SIGHUP's answer: " + kiosk.log()[-2000:])
    assert kiosk.process.poll() is None and kiosk.process.pid == pid, "enrolld was not restarted and survived every SIGHUP"
    assert kiosk.stop() == 0, kiosk.log()[-3000:]
