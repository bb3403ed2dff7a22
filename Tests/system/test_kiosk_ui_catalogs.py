"""The kiosk UI's sources: both message catalogs complete and alike, every message the code
asks for present, the API's codes all translated, and nothing in the code that could store
a person's data in the browser or run inline script."""

import json
import re

import pytest
import yaml
from conftest import REPO
from kiosk_ui_support import KIOSK

CATALOGS = {lang: json.loads((KIOSK / "i18n" / f"{lang}.json").read_text(encoding="utf-8")) for lang in ("fa", "en")}
SOURCES = sorted((KIOSK / "js").rglob("*.js"))
PERSIAN = re.compile(r"[\u0600-\u06FF]")


def test_both_catalogs_have_the_same_keys():
    fa, en = CATALOGS["fa"], CATALOGS["en"]
    assert set(fa) == set(en), {"only in fa": sorted(set(fa) - set(en)), "only in en": sorted(set(en) - set(fa))}


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_messages_are_non_empty_and_keep_their_placeholders(lang):
    for key, text in CATALOGS[lang].items():
        assert isinstance(text, str) and text.strip(), key
        assert set(re.findall(r"\{(\w+)\}", text)) == set(re.findall(r"\{(\w+)\}", CATALOGS["en"][key])), key


def test_persian_is_written_in_persian():
    fa = CATALOGS["fa"]
    # Everything but the language switch (it names English in English) is in Persian script.
    untranslated = [k for k, v in fa.items() if not PERSIAN.search(v) and k not in ("lang.switch", "lang.switch_label")]
    assert not untranslated, untranslated
    # Persian letters, not Arabic look-alikes: ی and ک, never ي or ك.
    arabic = [k for k, v in fa.items() if "\u064A" in v or "\u0643" in v]
    assert not arabic, arabic


def test_every_message_the_code_asks_for_exists():
    used = set()
    for source in SOURCES:
        used |= set(re.findall(r"\bt\('([a-z_]+(?:\.[a-z_]+)+)'", source.read_text(encoding="utf-8")))
    assert used, "no t('…') calls found: the pattern no longer matches the code"
    missing = sorted(used - set(CATALOGS["en"]))
    assert not missing, missing


def contract():
    return yaml.safe_load((REPO / "docs" / "control-api.yaml").read_text(encoding="utf-8"))


def enum(schema_name, *path):
    node = contract()["components"]["schemas"][schema_name]
    for step in path:
        node = node[step]
    return node["enum"]


@pytest.mark.parametrize("prefix,values", [
    ("finger.", lambda: enum("Finger")),
    ("exception.reason.", lambda: enum("ExceptionReason")),
    ("aborted.reason.", lambda: enum("Session", "properties", "abort_reason")),
    ("retry.", lambda: enum("CaptureResult", "properties", "retry_reason")),
    ("role.", lambda: enum("Role")),
    ("device.health.", lambda: enum("DeviceSummary", "properties", "health")),
    ("device.", lambda: enum("DeviceSummary", "properties", "kind")),
])
def test_every_code_of_the_contract_has_words(prefix, values):
    try:
        codes = values()
    except KeyError as missing:
        pytest.skip(f"docs/control-api.yaml has no {missing} yet")
    for code in codes:
        for lang, catalog in CATALOGS.items():
            assert f"{prefix}{code}" in catalog, f"{lang}: {prefix}{code}"


def test_nothing_is_kept_in_browser_storage():
    forbidden = re.compile(r"localStorage|sessionStorage|indexedDB|document\.cookie|caches\.open|serviceWorker")
    for source in SOURCES:
        hits = forbidden.findall(source.read_text(encoding="utf-8"))
        assert not hits, f"{source.name}: {hits}"


def test_no_inline_script_style_or_handlers_in_the_page():
    page = (KIOSK / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
    assert scripts and all('src="' in attrs and not body.strip() for attrs, body in scripts)
    assert "<style" not in page and " style=" not in page
    assert not re.search(r"\son[a-z]+=", page)
    for source in SOURCES:
        text = source.read_text(encoding="utf-8")
        # Markup from strings could smuggle script or a person's details past textContent.
        assert not re.search(r"\.(?:inner|outer)HTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function", text), source.name


def test_the_page_starts_in_persian_right_to_left():
    page = (KIOSK / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fa" dir="rtl">' in page


def test_styles_use_logical_properties():
    css = (KIOSK / "css" / "kiosk.css").read_text(encoding="utf-8")
    physical = re.findall(r"(?:margin|padding|border)-(?:left|right)\b|text-align:\s*(?:left|right)|\b(?:left|right):", css)
    assert not physical, physical


def quality_codes():
    """Every feedback code the daemon's quality checks can send: the fingerprint codes
    (FingerFeedback), the names of the face checks (FaceChecks, FaceAnalyzer) and the ways
    to move they may say instead (FaceDirection)."""
    sources = REPO / "Sources"
    finger = re.findall(r'public static let \w+ = "(\w+)"', (sources / "FingerprintQuality" / "FingerFeedback.swift").read_text())
    face = set()
    for name in ("FaceChecks.swift", "FaceAnalyzer.swift"):
        text = (sources / "FaceAnalysis" / name).read_text()
        face |= set(re.findall(r'(?:exact|atLeast|atMost|within)\("(\w+)"', text))
        face |= set(re.findall(r'FaceCheck\(name: "(\w+)"', text))
        face |= set(re.findall(r'feedback: \["(\w+)"\]', text))
    # Which way to move, when the centring or frame-edge check fails (FaceDirection).
    face |= set(re.findall(r'case \w+ = "(\w+)"', (sources / "FaceAnalysis" / "FaceDirection.swift").read_text()))
    return set(finger) | face


def test_every_quality_code_has_words():
    codes = quality_codes()
    assert {"no_fingerprint", "too_light", "face_count", "yaw", "analysis_failed", "move_left", "move_right"} <= codes, codes
    for lang, catalog in CATALOGS.items():
        missing = sorted(code for code in codes if f"check.{code}" not in catalog)
        assert missing == [], f"{lang}: no words for {missing}"


def api_error_codes():
    """Every `error` code the daemon's API can answer or send on a session's stream: the
    APIProblems the routes and the session manager build, the state machine's refusals
    (SessionRefusal.Code) and the refused logins (AccessDenied.Code)."""
    sources = REPO / "Sources"
    codes = set()
    for path in list((sources / "ControlAPI").rglob("*.swift")) + list((sources / "EnrollDaemon").rglob("*.swift")):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'APIProblem\((?:\.\w+|status: [\w.]+), "(\w+)"', text))
        codes |= set(re.findall(r'publish\("error", \["error": "(\w+)"', text))
    for path in (sources / "EnrollCore" / "Session" / "SessionRefusal.swift", sources / "Access" / "OperatorDirectory.swift"):
        text = path.read_text(encoding="utf-8")
        body = re.search(r"enum Code: String, Sendable \{(.*?)\n    \}", text, flags=re.S).group(1)
        for line in body.splitlines():
            line = line.split("//")[0].strip()
            named = re.fullmatch(r'case (\w+) = "(\w+)"', line)
            if named:
                codes.add(named.group(2))
            elif line.startswith("case "):
                codes |= {name.strip() for name in line[5:].split(",")}
    return codes


def test_every_api_error_code_has_words():
    codes = api_error_codes()
    # The pattern still finds what the reviewer listed, from each kind of source.
    assert {"not_accepting", "invalid_subject", "approval_required", "attempts_used", "commit_failed", "storage",
            "too_large", "unauthenticated", "login_failed", "cancelled", "no_device", "csrf"} <= codes, sorted(codes)
    for lang, catalog in CATALOGS.items():
        missing = sorted(code for code in codes if f"api_error.{code}" not in catalog)
        assert missing == [], f"{lang}: no words for the API's codes {missing}"


def test_the_page_never_shows_the_daemons_sentence():
    """describe() turns a code into the page's language; the daemon's English `message`
    must not be its fallback."""
    app = (KIOSK / "js" / "app.js").read_text(encoding="utf-8")
    describe = re.search(r"export function describe\(error\) \{(.*?)\n\}", app, flags=re.S).group(1)
    assert "api_error." in describe
    assert "error.message" not in describe


def test_persian_keeps_guardian_apart_from_supervisor():
    """"سرپرست" is the staff supervisor; a child's guardian has its own word, so a parent is
    never asked to act as staff nor a supervisor taken for family."""
    fa, en = CATALOGS["fa"], CATALOGS["en"]
    guardian = [k for k, v in en.items() if "guardian" in v.lower()]
    assert guardian, "no English text names a guardian"
    for key in guardian:
        assert "سرپرست" not in fa[key] and "قیم" in fa[key], (key, fa[key])
