"""The consent given is the text shown, in a real browser (Debian's chromium, headless,
selenium) against the real daemon: the page sends the language and digest of the text on
screen with "I agree"; a page showing an older text (here the first answer carrying the
texts is given an older wording on its way to the page, as a stale cache or proxy would)
is refused with 409 `consent_text_changed`, nothing is recorded, and the page shows the
current text with the reason and asks again; it never agrees by itself. The audit log then
names the version, language and digest agreed to. A "no" from a stale page is taken. And
hostile answers sent to the same daemon over HTTP (missing, short, long, non-hex, another
language's digest, a huge or truncated body) are refused with nothing recorded."""

import hashlib
import json
import sqlite3

import pytest
from kiosk_browser import console_errors, screenshot
from kiosk_ui_support import KIOSK
from test_kiosk_ui_consent import ACCESS, expected_text, shown_paragraphs, start_daemon, to_consent
from test_kiosk_ui_flows import OPERATOR, abort, browser, click, wait_for  # noqa: F401 (browser is a fixture)

# The 409 the stale page causes on purpose is logged by Chromium as a failed resource.
ALLOWED = ["/consent - Failed to load resource: the server responded with a status of 409"]

# Installed before the page's own scripts: the first answer that carries consent texts
# reaches the page with `stale` in their place (language → {text, sha256}); later ones pass.
STALE_ONCE = """
(() => {
  let stale = %s;
  const fetchNow = window.fetch.bind(window);
  window.fetch = async (...args) => {
    const response = await fetchNow(...args);
    if (!stale) return response;
    let data;
    try { data = JSON.parse(await response.clone().text()); } catch { return response; }
    if (!data || !Array.isArray(data.consent_texts)) return response;
    data.consent_texts = data.consent_texts.map((t) => (stale[t.language] ? { ...t, ...stale[t.language] } : t));
    stale = null;
    window.staleTextServed = true;
    return new Response(JSON.stringify(data), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
})();
"""


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = start_daemon(tmp_path_factory.mktemp("kiosk-consent-proof"), ACCESS)
    yield d
    assert d.stop() == 0


def older_wording(lang):
    """Version 1 as a centre might have worded it before an edit: its last paragraph changed."""
    paragraphs = expected_text(lang).split("\n\n")
    paragraphs[-1] = paragraphs[-1] + (" (older wording)" if lang == "en" else " (متن قدیمی‌تر)")
    text = "\n\n".join(paragraphs)
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def serve_stale_once(driver, lang):
    text, digest = older_wording(lang)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                           {"source": STALE_ONCE % json.dumps({lang: {"text": text, "sha256": digest}})})
    return text, digest


def consent_entries(daemon):
    """The consent entries of the audit log, as a new reader of the file sees them."""
    path = daemon.folder / "state" / "enrolld.sqlite"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT actor, action FROM audit_log ORDER BY seq").fetchall()
    return [row for row in rows if row[1].startswith("session.consent.")]


def catalog(lang):
    return json.loads((KIOSK / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_stale_text_is_refused_and_the_current_one_asked_again(browser, daemon, lang):
    older, older_digest = serve_stale_once(browser, lang)
    before = consent_entries(daemon)
    to_consent(browser, daemon, lang)
    assert browser.execute_script("return window.staleTextServed === true"), "the older text did not reach the page"
    assert shown_paragraphs(browser) == older.split("\n\n")
    assert browser.find_element("id", "consent-text").get_attribute("data-sha256") == older_digest

    click(browser, "consent-yes")
    reason = catalog(lang)["api_error.consent_text_changed"]
    wait_for(browser, f"const n = document.getElementById('notice'); return n && n.innerText.includes({json.dumps(reason)})",
             message="the reason the text is shown again")
    # Still asked: the page did not go on, and the daemon recorded nothing.
    assert browser.find_element("css selector", "[data-step]").get_attribute("data-step") == "consent"
    assert consent_entries(daemon) == before
    current = expected_text(lang)
    digest = hashlib.sha256(current.encode("utf-8")).hexdigest()
    assert shown_paragraphs(browser) == current.split("\n\n")
    assert browser.find_element("id", "consent-text").get_attribute("data-sha256") == digest
    # The digest's start, for staff, in the closed detail under the text.
    assert digest[:12] in browser.find_element("id", "consent-digest").get_attribute("textContent")
    screenshot(browser, f"consent-text-changed-{lang}")

    click(browser, "consent-yes")
    wait_for(browser, "return document.querySelector('[data-step=subject]') !== null", message="the details screen")
    assert consent_entries(daemon) == before + [(OPERATOR[0], f"session.consent.granted:version=2:language={lang}:sha256={digest}")]
    assert console_errors(browser, ALLOWED) == []
    abort(browser, "NO-DETAILS-GIVEN")


def test_a_no_from_a_stale_page_is_taken_at_once(browser, daemon):
    serve_stale_once(browser, "en")
    before = consent_entries(daemon)
    to_consent(browser, daemon, "en")
    assert browser.execute_script("return window.staleTextServed === true")
    click(browser, "consent-no")
    wait_for(browser, "return document.getElementById('aborted') !== null", message="the aborted screen")
    assert consent_entries(daemon) == before
    assert console_errors(browser, []) == []


def staff_login(daemon):
    import requests
    session = requests.Session()
    answer = session.post(daemon.url + "/v1/auth/login", json={"method": "pin", "operator_id": OPERATOR[0], "pin": OPERATOR[1]},
                          headers={"X-CSRF-Token": "login"}, timeout=30)
    assert answer.status_code == 200, answer.text
    session.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
    return session


def test_hostile_consent_answers_to_the_real_daemon(daemon):
    """The daemon with the repository's texts, over HTTP as any client: what names no
    current text is refused and leaves the session at consent with nothing recorded."""
    client = staff_login(daemon)
    created = client.post(daemon.url + "/v1/sessions", timeout=30)
    assert created.status_code == 201, created.text
    session = created.json()
    url = f"{daemon.url}/v1/sessions/{session['id']}/consent"
    served = {text["language"]: text["sha256"] for text in session["consent_texts"]}
    assert set(served) == {"en", "fa"}, served
    before = consent_entries(daemon)
    try:
        cases = [
            ({"version": "2", "accepted": True}, 409, "consent_text_changed"),                                  # missing
            ({"version": "2", "accepted": True, "language": "en", "sha256": served["fa"]}, 409, "consent_text_changed"),  # another language's
            ({"version": "2", "accepted": True, "language": "de", "sha256": served["en"]}, 409, "consent_text_changed"),  # not offered
            ({"version": "2", "accepted": True, "language": "en", "sha256": served["en"][:-1]}, 400, "bad_request"),    # short
            ({"version": "2", "accepted": True, "language": "en", "sha256": served["en"] + "0"}, 400, "bad_request"),   # long
            ({"version": "2", "accepted": True, "language": "en", "sha256": "g" * 64}, 400, "bad_request"),             # not hex
            ({"version": "2", "accepted": True, "language": "en", "sha256": served["en"].upper()}, 400, "bad_request"),
            ({"version": "2", "accepted": True, "language": "../en", "sha256": served["en"]}, 400, "bad_request"),
            ({"version": "2", "accepted": True, "sha256": served["en"]}, 400, "bad_request"),                           # alone
            ({"version": "2", "accepted": True, "language": "en", "sha256": "a" * 40000}, 413, "too_large"),            # huge
        ]
        for body, status, code in cases:
            answer = client.post(url, json=body, timeout=30)
            assert (answer.status_code, answer.json().get("error")) == (status, code), (body if len(str(body)) < 300 else "huge", answer.text)
        truncated = client.post(url, data=b'{"version": "2", "accepted": true, "language": "en", "sha256": "' + served["en"].encode(),
                                headers={"Content-Type": "application/json"}, timeout=30)
        assert truncated.status_code == 400, truncated.text
        assert client.get(f"{daemon.url}/v1/sessions/{session['id']}", timeout=30).json()["step"] == "consent"
        assert consent_entries(daemon) == before, "nothing recorded"
        taken = client.post(url, json={"version": "2", "accepted": True, "language": "fa", "sha256": served["fa"]}, timeout=30)
        assert taken.status_code == 200 and taken.json()["step"] == "subject", taken.text
        assert consent_entries(daemon) == before + [(OPERATOR[0], f"session.consent.granted:version=2:language=fa:sha256={served['fa']}")]
    finally:
        client.post(f"{daemon.url}/v1/sessions/{session['id']}/cancel", timeout=30)
