"""Helpers shared by the tests in Tests/system (imported as `from conftest import ...`)."""

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# Data the project may not commit lives beside the checkout, never inside it.
FIXTURES = REPO.parent / "shared" / "fixtures"


def require_tool(name):
    """Path of an installed program, or skip the test saying which one is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path
