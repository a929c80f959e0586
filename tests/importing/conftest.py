"""Fixtures for the import assistant's tests: the gold set (with its built .docx and .pdf) and the seed article."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
REPO = HERE.parents[1]
SEED_TEXT = REPO.parent / "shared" / "seeds" / "000_67544dfc3bc98209.txt"


def _load_scoring():
    spec = importlib.util.spec_from_file_location("import_score", REPO / "benchmarks" / "import_score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_score"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def scoring():
    return _load_scoring()


@pytest.fixture(scope="session")
def built_gold(tmp_path_factory) -> Path:
    sys.path.insert(0, str(GOLD))
    from build import build_all

    folder = tmp_path_factory.mktemp("gold")
    build_all(folder)
    return folder


@pytest.fixture(scope="session")
def seed_text() -> Path:
    if not SEED_TEXT.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed text {SEED_TEXT} is missing in CI")
        pytest.skip("seed text not present")
    return SEED_TEXT


@pytest.fixture(scope="session")
def gold_sources(built_gold, seed_text) -> list[Path]:
    """Every gold source file: the seed article, the texts in gold/ and the built .docx and .pdf."""
    texts = sorted(p for p in GOLD.iterdir() if p.suffix in (".txt", ".md", ".html"))
    return [seed_text, *texts, *sorted(built_gold.iterdir())]
