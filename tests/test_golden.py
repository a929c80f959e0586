"""Golden tests: the structure and text of each template's output for the sample brief and the desk brief.

The desk brief (tests/fixtures/desk.brief) uses the kinds of pack format 2:
people, lines to take, if-asked lines, and sources cited by page and table.

They compare structure and text, never bytes. After an intended change, rewrite
them with ``python3 dev.py test tests/test_golden.py --update-goldens`` and
review the diff of ``tests/golden/``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.brief.store import load_brief
from briefing.content.library import load_library
from briefing.document import model as dm
from briefing.export import export_brief, options_for
from briefing.templating.build import build_document
from tests.conftest import SAMPLE_BRIEF
from tests.outputs import docx_body, normalise, pdf_pages, pdf_text

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = Path(__file__).parent / "fixtures"
BRIEFS = {"": (SAMPLE_BRIEF, []), "desk-": (FIXTURES / "desk.brief", [FIXTURES / "content"])}


def snapshot(template: str, folder: Path, brief_path: Path = SAMPLE_BRIEF, content: list[Path] | None = None) -> dict:
    brief = load_brief(brief_path)
    library = load_library(extra=content or [])
    document = build_document(brief, library, template)
    result = export_brief(
        brief, library, ["pdf", "docx"], folder / f"{template}.pdf", template_id=template, options=options_for(invariant=True)
    )
    pdf, word = result.outputs
    pages = pdf_pages(pdf)
    return {
        "meta": {"title": document.meta.title, "marking": document.meta.marking, "page_budget": document.meta.page_budget},
        "blocks": [{"type": type(b).__name__, "text": dm.block_text(b)} for b in document.blocks],
        "pdf": {"pages": pages, "text": [normalise(pdf_text(pdf, "-f", str(p), "-l", str(p))) for p in range(1, pages + 1)]},
        "docx": [[style, text] for style, text in docx_body(word) if text.strip()],
    }


@pytest.mark.parametrize("brief", sorted(BRIEFS))
@pytest.mark.parametrize("template", ["meeting-brief", "talking-points", "briefing-pack"])
def test_golden(template, brief, tmp_path, update_goldens):
    brief_path, content = BRIEFS[brief]
    actual = snapshot(template, tmp_path, brief_path, content)
    path = GOLDEN / f"{brief}{template}.json"
    if update_goldens or not path.exists():
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if not update_goldens:
            pytest.fail(f"{path.name} did not exist and was written; review it and run again")
        return
    expected = json.loads(path.read_text(encoding="utf-8"))
    for key in ("meta", "blocks", "pdf", "docx"):
        assert actual[key] == expected[key], f"{template}: {key} differs from {path.name} (rerun with --update-goldens if intended)"
