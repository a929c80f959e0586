"""`briefing import`: a draft pack written atomically, JSON candidates, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from ruamel.yaml import YAML

from briefing.cli import main
from tests.conftest import REPO


def test_import_writes_a_format_2_draft(seed_text, tmp_path, capsys):
    out = tmp_path / "draft.yaml"
    assert main(["import", str(seed_text), "-o", str(out), "--pack", "cpec-draft"]) == 0
    assert "draft pack with 5 pillars, 15 figures, 11 quotations" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    pack = YAML(typ="safe").load(text)
    assert (pack["format"], pack["pack"]) == (2, "cpec-draft")
    assert pack["sources"][0]["author"] == "Jiang Zaidong"
    orange = next(f for f in pack["figures"] if f["display"] == "over 250 million")
    assert orange["value"] == 250_000_000 and orange["qualifier"] == "over" and orange["source"]["paragraph"] == 7
    assert {q["kind"] for q in pack["quotations"] if q.get("verb")} == {"reported"}
    assert not list(tmp_path.glob(".draft.yaml.*"))


def test_import_json(seed_text, capsys):
    assert main(["import", str(seed_text), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["paragraphs"]) == 14
    assert {c["kind"] for c in data["candidates"]} == {"pillar", "figure", "quotation", "event", "project"}
    assert all(c["review"] == "pending" for c in data["candidates"])


def test_import_errors_are_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    existing = tmp_path / "keep.yaml"
    existing.write_text("old\n")
    assert main(["import", str(bad), "-o", str(existing)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"briefing: error: {bad}:")
    assert existing.read_text() == "old\n"
    assert main(["import", str(bad), "--pack", "Bad Id"]) == 1
    assert "not a valid pack id" in capsys.readouterr().err


def test_every_gold_draft_passes_content_check(gold_sources, tmp_path, capsys):
    """The drafts load in the real library: `briefing content check` exits 0 (review: pending is a warning)."""
    folder = tmp_path / "drafts"
    for number, source in enumerate(gold_sources):
        assert main(["import", str(source), "-o", str(folder / f"draft-{number}.yaml"), "--pack", f"draft-{number}"]) == 0
    capsys.readouterr()
    assert main(["content", "check", "--content", str(folder)]) == 0, capsys.readouterr().err
    out, err = capsys.readouterr()
    assert "all valid" in out and "review: pending" in err


def test_a_draft_names_the_schema_as_its_own_folder_finds_it(tmp_path):
    from briefing.content.pack_writer import schema_reference
    from briefing.importing.draft import draft_pack
    from briefing.importing.extract import import_file
    from briefing.importing.writer import dump

    source = tmp_path / "note.txt"
    source.write_text("The Minister said that trade rose to 23 billion dollars in 2025.\n", encoding="utf-8")
    target = tmp_path / "packs" / "draft.yaml"
    text = dump(draft_pack(import_file(source), "note", target=target))
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={schema_reference(target)}"
    reference = schema_reference(target)  # relative where the two share a folder, else a file:// address
    schema = Path(reference.removeprefix("file://")) if reference.startswith("file://") else (target.parent / reference)
    assert schema.resolve() == (REPO / "assets" / "schemas" / "content-pack.schema.json").resolve()
