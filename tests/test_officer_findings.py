"""Issue 12's bugs outside the app, one test (or more) each: every one failed before its fix."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from briefing.brief.model import Brief, entry_for
from briefing.brief.store import parse_brief, save_brief
from briefing.cli import main
from briefing.content.library import load_library
from briefing.content.present import as_of
from briefing.content.search import Query, SearchIndex
from briefing.document import model as dm
from briefing.export import export_brief, options_for, preview_pdf
from briefing.templating.build import build_document
from briefing.writers.common import SLOT_MAX_CHARS, cut_to
from tests.conftest import REPO, SAMPLE_BRIEF
from tests.outputs import pdf_text

PACK = "cpec-action-plan-2025"


@pytest.fixture(scope="module")
def library():
    return load_library()


def brief_of(library, *ids: str, date: str = "2025-09-15", **meta) -> Brief:
    brief = Brief(template="meeting-brief")
    brief.meta.date = date
    for name, value in meta.items():
        setattr(brief.meta, name, value)
    brief.items = [entry_for(library.get(f"{PACK}/{item_id}")) for item_id in ids]
    return brief


def figure_rows(document: dm.Document) -> list[dm.FigureRow]:
    return [row for block in document.blocks if isinstance(block, dm.FiguresTable) for row in block.rows]


# --- bug 2: figure text --------------------------------------------------------------------------


def test_a_period_is_not_shown_as_an_as_of_date(library):
    [row] = figure_rows(build_document(brief_of(library, "desalination-daily-output"), library))
    assert row.as_of == ""  # "daily" is not a date
    assert "(daily)" in row.unit


def test_the_detail_as_of_of_a_figure_without_one_is_empty_not_the_sources_date(library):
    snap = library.get(f"{PACK}/desalination-daily-output").snapshot()
    assert snap["origin"]["date"] == "2025-09"
    assert as_of(snap) == ""
    assert as_of(library.get(f"{PACK}/orange-line-passenger-trips").snapshot()) == "2025-09"


# --- bug 3: reported speech is a sentence with a finite verb --------------------------------------

ADVERBS = {"also", "further", "again", "then"}
IRREGULAR_PAST = {"said", "made", "gave", "told", "held", "wrote", "took", "saw", "put", "set", "felt", "meant"}


def finite(verb: str) -> bool:
    """Whether a reporting phrase starts with a verb in the past tense ("also expressed the hope that", not "emphasizing that")."""
    for word in verb.split():
        if word in ADVERBS or word.endswith("ly"):
            continue
        return word.endswith("ed") or word in IRREGULAR_PAST
    return False


def test_the_finite_check_knows_a_participle():
    assert not finite("emphasizing that") and finite("emphasized that") and finite("unequivocally stated that")


def test_every_rendered_reported_statement_in_the_seed_has_a_finite_verb(library):
    quotations = [item.id.split("/", 1)[1] for item in library if item.kind == "quotation" and item.pack == PACK]
    document = build_document(brief_of(library, *quotations), library, "talking-points")
    reported = [b for b in document.blocks if isinstance(b, dm.Quotation) and b.kind == "reported"]
    assert len(reported) == 10
    for quote in reported:
        sentence = dm.quotation_sentence(quote)
        assert sentence.startswith(quote.attribution + " ")
        assert finite(sentence[len(quote.attribution) + 1 :]), sentence
        assert not sentence.startswith("\u201c")


def test_the_pack_keeps_the_sources_own_wording_in_a_note(library):
    item = library.get(f"{PACK}/xi-cpec-benefit-all-regions")
    assert item.model.verb == "emphasized that"
    assert 'source wording: "emphasizing that"' in item.model.source.note


def test_a_reported_statement_gets_its_occasion_and_date_line(library, tmp_path):
    brief = brief_of(library, "xi-support-counter-terrorism")
    [quote] = [b for b in build_document(brief, library).blocks if isinstance(b, dm.Quotation)]
    line = dm.quotation_attribution(quote)
    assert line.startswith("\u2014 Meeting with Prime Minister Shehbaz Sharif") and line.endswith(", 2025")
    assert "Xi Jinping" not in line  # the sentence names the speaker
    result = export_brief(brief, library, ["pdf", "docx"], tmp_path / "q.pdf", options=options_for(invariant=True))
    assert "Meeting with Prime Minister Shehbaz Sharif" in " ".join(pdf_text(result.outputs[0]).split())
    assert any(p.text == line for p in docx.Document(str(result.outputs[1])).paragraphs)


# --- bug 5: stale figures are flagged in the documents and the CLI -------------------------------


def test_a_stale_figure_is_marked_in_the_as_of_cell_of_both_formats(library, tmp_path):
    brief = brief_of(library, "orange-line-passenger-trips", date="2027-01-10")
    [row] = figure_rows(build_document(brief, library))
    assert row.stale and dm.as_of_text(row) == "September 2025 (stale)"
    result = export_brief(brief, library, ["pdf", "docx"], tmp_path / "s.pdf", options=options_for(invariant=True))
    assert "September 2025 (stale)" in " ".join(pdf_text(result.outputs[0]).split())
    cells = [c.text for t in docx.Document(str(result.outputs[1])).tables for r in t.rows for c in r.cells]
    assert "September 2025 (stale)" in cells


def test_a_figure_is_not_stale_on_the_date_of_its_brief(library):
    [row] = figure_rows(build_document(brief_of(library, "orange-line-passenger-trips", date="2026-06-01"), library))
    assert not row.stale and dm.as_of_text(row) == "September 2025"


def test_the_cli_build_warns_of_a_stale_figure(library, tmp_path, capsys):
    save_brief(brief_of(library, "orange-line-passenger-trips", date="2027-01-10"), tmp_path / "old.brief")
    assert main(["build", str(tmp_path / "old.brief")]) == 0
    err = capsys.readouterr().err
    assert "warning: stale figure: Passenger journeys on the Lahore Orange Line metro since it opened is as of September 2025" in err


def test_the_documents_use_the_threshold_the_officer_chose(library, tmp_path):
    brief = brief_of(library, "orange-line-passenger-trips", date="2026-06-01")  # 9 months after the figure's as-of date
    [row] = figure_rows(build_document(brief, library, stale_months=6))
    assert row.stale and dm.as_of_text(row) == "September 2025 (stale)"
    result = export_brief(brief, library, ["pdf", "docx"], tmp_path / "s.pdf", options=options_for(invariant=True), stale_months=6)
    assert "September 2025 (stale)" in " ".join(pdf_text(result.outputs[0]).split())
    cells = [c.text for t in docx.Document(str(result.outputs[1])).tables for r in t.rows for c in r.cells]
    assert "September 2025 (stale)" in cells
    data, _ = preview_pdf(brief, library, stale_months=6)  # the app's preview says what the export says
    (tmp_path / "preview.pdf").write_bytes(data)
    assert "September 2025 (stale)" in " ".join(pdf_text(tmp_path / "preview.pdf").split())


def test_the_cli_takes_the_stale_threshold(library, tmp_path, capsys):
    save_brief(brief_of(library, "orange-line-passenger-trips", date="2026-06-01"), tmp_path / "recent.brief")
    assert main(["build", str(tmp_path / "recent.brief"), "-o", str(tmp_path / "a.pdf")]) == 0
    assert "stale figure" not in capsys.readouterr().err
    assert main(["build", str(tmp_path / "recent.brief"), "-o", str(tmp_path / "b.pdf"), "--stale-months", "6"]) == 0
    assert "more than 6 months before the brief's date" in capsys.readouterr().err
    assert "September 2025 (stale)" in " ".join(pdf_text(tmp_path / "b.pdf").split())
    with pytest.raises(SystemExit):
        main(["build", str(tmp_path / "recent.brief"), "--stale-months", "0"])
    assert "'0' is not a number of months from 1 to 240" in capsys.readouterr().err


# --- bug 6: Word and PDF alike ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_title_build(library, tmp_path_factory):
    brief = brief_of(library, "xi-friendly-policy-all-pakistanis", "shehbaz-epic-of-trust")
    brief.template = "briefing-pack"
    brief.items[0].note = "Raise it first."
    brief.meta.title = "Call on the Chinese Ambassador on the Action Plan, the second phase of the corridor and the safety of personnel"
    folder = tmp_path_factory.mktemp("long")
    return export_brief(brief, library, ["pdf", "docx"], folder / "long.pdf", options=options_for(invariant=True))


def test_word_updates_fields_on_open_so_the_contents_gets_page_numbers(long_title_build):
    with zipfile.ZipFile(long_title_build.outputs[1]) as package:
        settings = package.read("word/settings.xml").decode()
    assert re.search(r'<w:updateFields w:val="(true|1)"/>', settings)


def test_a_long_title_is_cut_alike_in_the_pdf_and_the_word_footer(long_title_build):
    title = "Call on the Chinese Ambassador on the Action Plan, the second phase of the corridor and the safety of personnel"
    cut = cut_to(title)
    assert len(cut) <= SLOT_MAX_CHARS and cut.endswith("\u2026")
    footer = docx.Document(str(long_title_build.outputs[1])).sections[0].footer
    assert any(p.text.startswith(cut) for p in footer.paragraphs)
    assert cut in pdf_text(long_title_build.outputs[0])


def test_word_quotation_has_the_pdfs_left_rule_and_space_before_the_next_statement(long_title_build):
    word = docx.Document(str(long_title_build.outputs[1]))
    quoted = [p for p in word.paragraphs if p._p.pPr is not None and p._p.pPr.find(docx.oxml.ns.qn("w:pBdr")) is not None]
    texts = [p.text for p in quoted]
    assert any(t.startswith("President Xi Jinping stated that") for t in texts) and "Raise it first." in texts
    note = next(p for p in quoted if p.text == "Raise it first.")
    assert note.paragraph_format.space_after is not None and note.paragraph_format.space_after.pt >= 4
    assert quoted[0].paragraph_format.left_indent == note.paragraph_format.left_indent


# --- bug 7: output paths -------------------------------------------------------------------------


def test_build_into_an_existing_folder_writes_inside_it(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(SAMPLE_BRIEF), "-o", str(out)]) == 0
    assert (out / "sample.pdf").is_file() and not (tmp_path / "out.pdf").exists()
    assert capsys.readouterr().out.splitlines()[0] == str(out / "sample.pdf")


def test_build_takes_the_format_from_the_output_suffix(tmp_path):
    assert main(["build", str(SAMPLE_BRIEF), "-o", str(tmp_path / "x.docx")]) == 0
    assert (tmp_path / "x.docx").is_file() and not (tmp_path / "x.pdf").exists()


def test_build_refuses_a_format_that_contradicts_the_suffix(tmp_path, capsys):
    assert main(["build", str(SAMPLE_BRIEF), "--format", "pdf", "-o", str(tmp_path / "x.docx")]) == 1
    assert "-o x.docx is a .docx name but --format pdf was asked for" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# --- bug 8: search ----------------------------------------------------------------------------------


def test_searching_the_pack_name_does_not_match_every_item(library):
    index = SearchIndex(library)
    hits = index.search(Query("CPEC"))
    assert 0 < len(hits) < len(library) // 2
    assert index.search(Query("action-plan-2025")) == [i for i in library if "action-plan-2025" in i.id.split("/", 1)[1]]
    assert [i.id for i in index.search(Query("orange-line-passenger-trips"))] == [f"{PACK}/orange-line-passenger-trips"]


# --- bug 10: messages -------------------------------------------------------------------------------


def test_an_invalid_brief_mentions_the_backup_only_when_there_is_one(tmp_path):
    path = tmp_path / "a.brief"
    with pytest.raises(Exception, match="there is no backup") as no_backup:
        parse_brief("{", path)
    assert "~" not in str(no_backup.value)
    (tmp_path / "a.brief~").write_text("{}")
    with pytest.raises(Exception, match=r"restore the backup a\.brief~"):
        parse_brief("{", path)


def test_content_without_a_subcommand_prints_its_usage():
    result = subprocess.run([sys.executable, "-m", "briefing", "content"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "content_command" not in result.stderr
    assert "usage: briefing content" in result.stderr and "check" in result.stderr and "list" in result.stderr


def test_new_suggests_the_full_id_for_a_short_one(tmp_path, capsys):
    assert main(["new", "-t", "meeting-brief", "--item", "gwadar-port", "-o", str(tmp_path / "n.brief")]) == 1
    assert f"did you mean {PACK}/gwadar-port?" in capsys.readouterr().err


def test_page_count_unknown_is_said_once_after_a_word_export(tmp_path, capsys, monkeypatch):
    import briefing.export
    from briefing.errors import RenderError

    def no_pdf(document, fmt, options):
        raise RenderError("the PDF font cannot show U+E000 in the title")  # the page count cannot be made

    monkeypatch.setattr(briefing.export, "render_bytes", no_pdf)
    assert main(["build", str(SAMPLE_BRIEF), "--format", "docx", "-o", str(tmp_path / "w.docx")]) == 0
    captured = capsys.readouterr()
    assert (captured.out + captured.err).count("page count unknown") == 1


# --- bug 11: Qt's X11 libraries -----------------------------------------------------------------------


def test_dev_py_names_the_debian_packages_of_missing_qt_x11_libraries():
    sys.path.insert(0, str(REPO))
    try:
        import dev
    finally:
        sys.path.remove(str(REPO))
    present = {"xcb-icccm", "EGL"}
    missing = dev.missing_qt_x11_packages(find=lambda name: name if name in present else None, platform="linux", environ={})
    assert "libxcb-cursor0" in missing and "libxcb-icccm4" not in missing
    assert dev.missing_qt_x11_packages(find=lambda name: None, platform="darwin", environ={}) == []
    assert dev.missing_qt_x11_packages(find=lambda name: None, platform="linux", environ={"QT_QPA_PLATFORM": "offscreen"}) == []
    assert all(package in Path(REPO / "README.md").read_text() for package in dev.QT_X11_LIBRARIES.values())
