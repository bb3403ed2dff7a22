"""The matcher on real fingerprints: FVC2002 DB1_B and DB2_B (from ../shared/fixtures),
minutiae extracted by NIST NBIS mindtct (nbis-py, the same extractor libfprint runs on the
kiosk), scored by enroll-match-eval under the FVC protocol. The reference is NIST bozorth3
on the same images: EER 4.28 % (DB1_B) and 2.61 % (DB2_B)."""

import re
import subprocess
import sys

import pytest
from conftest import FIXTURES, REPO

EVAL = REPO / ".build" / "debug" / "enroll-match-eval"
EXPORT = REPO / "scripts" / "export-nbis-templates"


def templates(tmp_path, database, ppi, fingers):
    images = FIXTURES / "fvc2002" / database
    if not images.is_dir():
        pytest.skip(f"{images} is absent (FVC2002 fixtures)")
    pytest.importorskip("nbis", reason="nbis-py is not installed (pip install nbis-py==0.1.3)")
    if not EVAL.exists():
        pytest.skip("enroll-match-eval is not built (swift build)")
    subset = tmp_path / "images"
    subset.mkdir()
    for path in images.glob("*.tif"):
        if int(path.stem.split("_")[0]) in fingers:
            (subset / path.name).symlink_to(path)
    out = tmp_path / "templates"
    subprocess.run([sys.executable, EXPORT, subset, out, "--ppi", str(ppi)], check=True, capture_output=True)
    return out


def evaluate(folder, scores=None):
    command = [EVAL, folder] + (["--scores", scores] if scores else [])
    output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=900).stdout
    figures = {key: float(value) for key, value in re.findall(r"^(EER|FMR100|FMR1000|ZeroFMR)\s+([\d.]+) %", output, re.M)}
    counts = re.search(r"\((\d+) genuine, (\d+) impostor pairs\)", output)
    return figures, int(counts.group(1)), int(counts.group(2))


@pytest.mark.parametrize("database,ppi,bozorth3_eer", [("FVC2002_DB1_B", 500, 4.28), ("FVC2002_DB2_B", 569, 2.61)])
def test_error_rates_on_five_fingers(tmp_path, database, ppi, bozorth3_eer):
    figures, genuine, impostor = evaluate(templates(tmp_path, database, ppi, range(101, 106)), tmp_path / "scores.csv")
    # FVC protocol on 5 fingers × 8 impressions: 5 × 28 genuine, every cross-finger pair impostor.
    assert (genuine, impostor) == (140, 640)
    # Measured on these 40 images: DB1 2.17 %, DB2 below 1 %. On a subset the estimate is
    # coarse (one genuine pair is 0.7 %), so the bound is bozorth3's figure for the whole set.
    assert figures["EER"] < bozorth3_eer
    assert figures["FMR100"] <= figures["FMR1000"] <= figures["ZeroFMR"] <= 20
    rows = (tmp_path / "scores.csv").read_text().splitlines()
    assert rows[0] == "a,b,score" and len(rows) == 1 + 140 + 640



def test_calibrated_threshold_keeps_impostors_out(tmp_path):
    """The daemon's default threshold (false_match_rate 1e-4 on the committed calibration,
    scripts/calibrate-matching) against every impostor pair of both fixture databases together
    (cross-database pairs too, as the calibration counts them): the observed false match rate
    must not exceed the target. One database alone has 2,880 impostor pairs, too few to
    resolve 1e-4 (a single pair is 3.5e-4)."""
    both = tmp_path / "both"
    both.mkdir()
    for database, ppi in (("FVC2002_DB1_B", 500), ("FVC2002_DB2_B", 569)):
        part = tmp_path / database
        part.mkdir()
        for path in templates(part, database, ppi, range(101, 111)).iterdir():
            # DB2's fingers become 2xx, so they are other fingers than DB1's.
            name = path.name if database.endswith("DB1_B") else "2" + path.name[1:]
            (both / name).symlink_to(path)
    output = subprocess.run([EVAL, both], check=True, capture_output=True, text=True, timeout=1800).stdout
    found = re.search(r"^threshold\s+([\d.]+) at FMR 1e-4: (\d+) of (\d+) impostors, (\d+) of (\d+) genuine", output, re.M)
    assert found, output
    false_matches, impostors, true_matches, genuine = map(int, found.groups()[1:])
    assert impostors == 12160 and genuine == 560
    assert false_matches / impostors <= 1e-4
    # Still useful: most genuine pairs of these hard databases reach it.
    assert true_matches / genuine > 0.8
