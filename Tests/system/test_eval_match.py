"""`enrollctl eval match` on FVC2002 images: minutiae by libfprint's own NBIS detector (as the
kiosk's readers make them), the FVC protocol, error rates and speeds. Offline: no daemon."""

import csv
import json
import subprocess

import pytest
from conftest import FIXTURES, REPO

ENROLLCTL = REPO / ".build" / "debug" / "enrollctl"


def subset(tmp_path, database, fingers):
    images = FIXTURES / "fvc2002" / database
    if not images.is_dir():
        pytest.skip(f"{images} is absent (FVC2002 fixtures)")
    if not ENROLLCTL.exists():
        pytest.skip("enrollctl is not built (swift build)")
    folder = tmp_path / "images"
    folder.mkdir()
    for path in images.glob("*.tif"):
        if int(path.stem.split("_")[0]) in fingers:
            (folder / path.name).symlink_to(path)
    return folder


def test_eval_match_on_five_fingers(tmp_path):
    folder = subset(tmp_path, "FVC2002_DB1_B", range(101, 106))
    # A stray file and a badly named image are ignored, not fatal.
    (folder / "notes.txt").write_text("not an image")
    (folder / "broken_1.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 10)
    scores = tmp_path / "scores.csv"
    result = subprocess.run([ENROLLCTL, "eval", "match", folder, "--json", "--scores", scores, "--gallery", "2000"],
                            check=True, capture_output=True, text=True, timeout=1200)
    report = json.loads(result.stdout)
    assert report["templates"] == 40
    assert report["failedImages"] == ["broken_1.png"]
    assert (report["genuinePairs"], report["impostorPairs"]) == (140, 640)
    # bozorth3 on the whole of DB1_B: 4.28 %; a 40-image subset is coarse (one pair = 0.7 %).
    assert 0 <= report["eer"] < 0.0428
    assert report["fmr100"] <= report["fmr1000"] <= report["zeroFMR"] <= 0.3
    assert 1 < report["meanExtractionMilliseconds"] < 5000
    assert report["comparisonsPerSecond"] > 1
    assert report["galleryEntries"] == 2000 and report["searchMilliseconds"] > 0
    with open(scores) as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 780
    assert all(0 <= float(r["score"]) <= 100 for r in rows)
    # Each image's own name, without extension, as the issue asks.
    assert {r["a"] for r in rows} | {r["b"] for r in rows} == {f"{f}_{i}" for f in range(101, 106) for i in range(1, 9)}


def test_eval_match_refuses_an_empty_or_missing_folder(tmp_path):
    if not ENROLLCTL.exists():
        pytest.skip("enrollctl is not built (swift build)")
    empty = tmp_path / "empty"
    empty.mkdir()
    for folder in (empty, tmp_path / "missing"):
        result = subprocess.run([ENROLLCTL, "eval", "match", folder], capture_output=True, text=True, timeout=60)
        assert result.returncode != 0
        assert str(folder) in result.stderr
    result = subprocess.run([ENROLLCTL, "eval", "match", empty, "--ppi", "0"], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "--ppi" in result.stderr
