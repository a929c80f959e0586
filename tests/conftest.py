"""Shared fixtures: an isolated user folder for every test, and external tools that CI must have."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "000_67544dfc3bc98209.txt"
SAMPLE_BRIEF = REPO / "assets" / "samples" / "sample.brief"


def require_tool(name: str) -> str:
    """The path of an external tool; skip if missing, but fail when CI=true."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is required in CI but is not installed")
    pytest.skip(f"{name} is not installed")


def require_seed() -> Path:
    """The seed article; skip if ../shared/seeds is absent, but fail when CI=true."""
    if SEED.exists():
        return SEED
    if os.environ.get("CI") == "true":
        pytest.fail(f"seed text {SEED} is missing in CI")
    pytest.skip("seed text not present")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    """Point every user folder (content, templates, settings, logs, recovery) at a fresh temp dir."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BRIEFING_HOME", str(home))
    from briefing.content import cache

    cache.clear()
    return home


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/*.json from the current output")


@pytest.fixture
def update_goldens(request) -> bool:
    """True when goldens should be rewritten (--update-goldens or UPDATE_GOLDENS=1)."""
    return bool(request.config.getoption("--update-goldens") or os.environ.get("UPDATE_GOLDENS") == "1")
