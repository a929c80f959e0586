"""The brief fields meetings need, dates written for people, the officer's Markdown, the pack's cover and order."""

from __future__ import annotations

import json

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage

from briefing.brief.model import Attendee, Brief, entry_for
from briefing.brief.store import dump_brief, load_brief, parse_brief, save_brief
from briefing.cli import build_parser, main
from briefing.content.library import load_library
from briefing.document import markdown
from briefing.document import model as dm
from briefing.document.dates import written_date
from briefing.export import export_brief, options_for
from briefing.schemas import schema_text
from briefing.style import DateStyle, ImageStyle, load_house_style
from briefing.templating.build import build_document
from tests.conftest import SAMPLE_BRIEF
from tests.outputs import docx_body, pdf_text

PACK = "cpec-action-plan-2025"


@pytest.fixture(scope="module")
def library():
    return load_library()


def meeting_brief(library, template: str = "meeting-brief") -> Brief:
    brief = load_brief(SAMPLE_BRIEF)
    brief.template = template
    meta = brief.meta
    meta.principal, meta.time, meta.venue = "Minister of State", "10:30", "Ministry of Foreign Affairs, Islamabad"
    meta.date = "2026-12-01"
    meta.attendees.ours = [Attendee(name="Jane Smith", role="Head of Mission"), Attendee(name="Tom Lee", role="Note-taker")]
    meta.attendees.theirs = [Attendee(name="Ali Khan", role="Additional Secretary (China)", level="CONFIDENTIAL")]
    return brief


def text_of(document: dm.Document) -> str:
    return "\n".join(line for block in document.blocks for line in dm.block_text(block))


# --- the brief model ----------------------------------------------------------------------------------


def test_meeting_fields_survive_a_save_and_keep_unknown_keys(library, tmp_path):
    brief = meeting_brief(library)
    data = json.loads(dump_brief(brief))
    data["meta"]["attendees"]["ours"][0]["future"] = {"kept": True}
    data["meta"]["attendees"]["extra_side"] = []
    again = parse_brief(json.dumps(data), tmp_path / "m.brief")
    save_brief(again, tmp_path / "m.brief")
    saved = json.loads((tmp_path / "m.brief").read_text())
    assert saved["meta"]["attendees"]["ours"][0] == {
        "name": "Jane Smith",
        "role": "Head of Mission",
        "level": None,
        "future": {"kept": True},
    }
    assert saved["meta"]["attendees"]["extra_side"] == []
    assert (saved["meta"]["principal"], saved["meta"]["time"], saved["meta"]["venue"]) == (
        "Minister of State",
        "10:30",
        "Ministry of Foreign Affairs, Islamabad",
    )
    assert saved["version"] == 2  # new optional fields: older briefs load as they are, no migration


def test_the_brief_schema_describes_the_meeting_fields():
    schema = json.loads(schema_text(Brief, "t"))
    meta = schema["$defs"]["Meta"]["properties"]
    assert {"principal", "time", "venue", "attendees"} <= set(meta)
    assert set(schema["$defs"]["Attendee"]["properties"]) == {"name", "role", "level"}
    assert schema["properties"]["order"]["enum"] == ["pillar", "listed"]


def test_an_attendees_level_raises_the_banner(library):
    assert build_document(meeting_brief(library), library).meta.marking == "CONFIDENTIAL"


@pytest.mark.parametrize("template", ["meeting-brief", "talking-points", "briefing-pack"])
def test_every_template_places_the_meeting(library, template):
    text = text_of(build_document(meeting_brief(library, template), library))
    assert "Minister of State" in text
    assert "1 December 2026, 10:30" in text
    assert "Ministry of Foreign Affairs, Islamabad" in text
    assert "Ali Khan" in text and "Additional Secretary (China)" in text
    if template != "talking-points":  # talking points name only the people we are meeting
        assert "Jane Smith" in text


def test_the_meeting_brief_puts_who_when_and_where_under_its_title(library):
    blocks = build_document(meeting_brief(library), library).blocks
    lines = [dm.plain(b.runs) for b in blocks[:5] if isinstance(b, dm.Paragraph)]
    assert lines[1] == "Courtesy call on H.E. Jiang Zaidong, Islamabad · 1 December 2026, 10:30"
    assert lines[2] == "Principal: Minister of State · From: Political Section · Where: Ministry of Foreign Affairs, Islamabad"
    assert lines[3] == "Our side: Jane Smith, Head of Mission; Tom Lee, Note-taker. Their side: Ali Khan, Additional Secretary (China)."


# --- dates written for people ---------------------------------------------------------------------------


def test_dates_are_written_for_people():
    assert written_date("2026-12-01") == "1 December 2026"
    assert written_date("2025-09") == "September 2025"
    assert written_date("2025") == "2025"
    assert written_date("2025-2029") == "2025-2029"  # a period, left as it is
    assert written_date("2025-02-30") == "2025-02-30"  # never guessed at
    assert written_date("2026-12-01", DateStyle(day="{month} {day}, {year}")) == "December 1, 2026"
    assert written_date("2026-12-01", DateStyle(day="{day.__class__} {month}")) == "{day.__class__} December"


def test_the_header_and_the_document_show_the_written_date(library):
    document = build_document(meeting_brief(library), library)
    assert document.meta.date == "1 December 2026"
    assert load_house_style().dates.day == "{day} {month} {year}"


# --- the officer's Markdown ---------------------------------------------------------------------------------


def test_markdown_gives_paragraphs_lists_bold_and_italic():
    blocks = markdown.blocks("One **bold** and *italic*.\nSame paragraph.\n\n- first\n- second\n\n1. one\n2. two")
    assert blocks == (
        dm.Paragraph(
            (dm.Run("One "), dm.Run("bold", strong=True), dm.Run(" and "), dm.Run("italic", emphasis=True), dm.Run(". Same paragraph."))
        ),
        dm.ListBlock(False, ((dm.Run("first"),), (dm.Run("second"),))),
        dm.ListBlock(True, ((dm.Run("one"),), (dm.Run("two"),))),
    )


@pytest.mark.parametrize(
    "text",
    ["# Not a heading", "[a link](https://example.org)", "![an image](x.png)", "<b>html</b>", "`code`", "> not a quote", "a &amp; b"],
)
def test_anything_else_in_markdown_stays_literal_text(text):
    assert markdown.blocks(text) == (dm.Paragraph((dm.Run(text),)),)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab *_-#1.\n>[]()<!`\\")) | st.characters(), max_size=200))
def test_markdown_reading_never_fails_and_gives_only_paragraphs_and_lists(text):
    blocks = markdown.blocks(text)
    assert all(isinstance(b, (dm.Paragraph, dm.ListBlock)) for b in blocks)
    for block in blocks:
        runs = block.runs if isinstance(block, dm.Paragraph) else [r for item in block.items for r in item]
        assert all(run.text for run in runs)
    assert all(run.text for run in markdown.inline(text))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 1.)-+*_#&;\\`<>[]!~\t\x0b\x0c\xa0\u2028\u3000é")) | st.characters(), max_size=60))
def test_plain_text_skips_markdown_it_and_reads_the_same(text):
    assert markdown.blocks(text) == markdown.parsed_blocks(text)
    assert markdown.blocks("  " + text) == markdown.parsed_blocks("  " + text)


def test_a_plain_note_does_not_import_markdown_it():
    import subprocess
    import sys

    code = "import sys; from briefing.document import markdown; markdown.inline('Cite as   evidence. 5 of them'); print('markdown_it' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_sections_and_notes_render_their_markdown_in_both_formats(library, tmp_path):
    brief = meeting_brief(library)
    brief.sections.recommendation.text = "Agree to:\n\n1. **welcome** the plan;\n2. ask for a *contact point*."
    brief.sections.background.text = "First paragraph.\n\nSecond with **bold**.\n\n- a point\n- another"
    brief.items[2].note = "Cite **first**."
    document = build_document(brief, library)
    [note] = [b for b in document.blocks if isinstance(b, dm.Note) and b.tone == "recommendation"]
    assert note.body[1] == dm.ListBlock(
        True,
        (
            (dm.Run("welcome", strong=True), dm.Run(" the plan;")),
            (dm.Run("ask for a "), dm.Run("contact point", emphasis=True), dm.Run(".")),
        ),
    )
    [row] = [r for b in document.blocks if isinstance(b, dm.FiguresTable) for r in b.rows if r.note]
    assert row.note == (dm.Run("Cite "), dm.Run("first", strong=True), dm.Run("."))
    result = export_brief(brief, library, ["pdf", "docx"], tmp_path / "md.pdf", options=options_for(invariant=True))
    flat = " ".join(pdf_text(result.outputs[0]).split())
    assert "1. welcome the plan; 2. ask for a contact point." in flat and "**" not in flat
    body = docx_body(result.outputs[1])
    assert ("List Number", "welcome the plan;") in body and ("List Bullet", "a point") in body
    assert ("Normal", "Second with bold.") in body or any(text == "Second with bold." for _style, text in body)
    word = docx.Document(str(result.outputs[1]))
    bold = [r.text for t in word.tables for c in t._cells for p in c.paragraphs for r in p.runs if r.bold]
    assert "welcome" in bold and "first" in bold


# --- the pack: cover page, Annex A, the officer's order ------------------------------------------------------


def crest_style(tmp_path):
    path = tmp_path / "crest.png"
    PILImage.new("RGB", (120, 120), "#1f3a5f").save(path)
    house = load_house_style()
    return house.model_copy(update={"images": {"crest": ImageStyle(file=str(path), width_mm=20, description="Crest")}})


def test_the_pack_cover_has_the_crest_title_marking_reference_date_and_principal_then_contents(library, tmp_path):
    brief = meeting_brief(library, "briefing-pack")
    document = build_document(brief, library)
    kinds = [type(b).__name__ for b in document.blocks]
    assert kinds[:2] == ["Image", "Paragraph"]
    cover = text_of(dm.Document(document.meta, document.blocks[: kinds.index("PageBreak")]))
    for words in ("Call on the Chinese Ambassador", "Classification: CONFIDENTIAL", "Reference: ISB/POL/2025/114", "Date: 1 December 2026",
                  "Principal: Minister of State"):  # fmt: skip
        assert words in cover
    assert kinds[kinds.index("PageBreak") + 1] == "Contents"
    result = export_brief(brief, library, ["pdf", "docx"], tmp_path / "p.pdf", options=options_for(style=crest_style(tmp_path)))
    from pypdf import PdfReader

    first = PdfReader(str(result.outputs[0])).pages[0]
    assert any(name.startswith("/") for name in first["/Resources"].get("/XObject", {}))  # the crest is drawn
    assert len(docx.Document(str(result.outputs[1])).inline_shapes) == 1


def test_without_a_crest_in_the_house_style_the_cover_shows_none(library, tmp_path):
    result = export_brief(meeting_brief(library, "briefing-pack"), library, ["docx"], tmp_path / "p.docx")
    assert len(docx.Document(str(result.outputs[0])).inline_shapes) == 0


def annex_headings(document: dm.Document) -> list[str]:
    return [dm.plain(b.runs) for b in document.blocks if isinstance(b, dm.Heading) and dm.plain(b.runs).startswith("Annex")]


def test_annex_a_appears_only_when_the_figures_are_in_more_than_one_table(library):
    brief = meeting_brief(library, "briefing-pack")
    assert annex_headings(build_document(brief, library)) == ["Annex A: Sources"]
    other = next(i for i in library if i.kind == "figure" and i.pillar != f"{PACK}/people-centred")
    brief.items.append(entry_for(other))
    assert annex_headings(build_document(brief, library)) == ["Annex A: All figures", "Annex B: Sources"]


def test_the_pack_can_follow_the_officers_order(library):
    ids = ["people-centred", "xi-friendly-policy-all-pakistanis", "orange-line-passenger-trips"]
    brief = Brief(template="briefing-pack", items=[entry_for(library.get(f"{PACK}/{i}")) for i in ids])
    by_pillar = [type(b).__name__ for b in build_document(brief, library).blocks]
    assert by_pillar.index("FiguresTable") < by_pillar.index("Quotation")  # grouped: figures, then statements
    brief.order = "listed"
    listed = [type(b).__name__ for b in build_document(brief, library).blocks]
    assert listed.index("Quotation") < listed.index("FiguresTable")  # as the officer put them


def test_listed_order_starts_a_new_section_when_the_pillar_changes(library):
    ids = ["orange-line-passenger-trips", "xi-support-counter-terrorism", "gwadar-hospital-patients"]
    brief = Brief(template="briefing-pack", order="listed", items=[entry_for(library.get(f"{PACK}/{i}")) for i in ids])
    headings = [dm.plain(b.runs) for b in build_document(brief, library).blocks if isinstance(b, dm.Heading) and b.level == 1]
    pillars = [h for h in headings if h[0].isdigit()]
    assert len(pillars) == len(ids)  # people-centred, security, people-centred again


# --- briefing new sets every field ------------------------------------------------------------------------------


def test_new_sets_every_field(tmp_path, capsys):
    out = tmp_path / "call.brief"
    args = ["new", "-t", "meeting-brief", "--title", "Call on the Minister", "--marking", "RESTRICTED", "--occasion", "Courtesy call",
            "--recipient", "Head of Mission", "--drafter", "Political Section", "--reference", "ISB/POL/2026/201", "--date", "2026-12-01",
            "--principal", "Minister of State", "--time", "10:30", "--venue", "MOFA", "--ours", "Jane Smith=Head of Mission",
            "--theirs", "Ali Khan=Additional Secretary=CONFIDENTIAL", "--purpose", "To **hear** them.\\n\\n- one\\n- two",
            "--background", "Some background.", "--recommendation", "Agree.", "--order", "listed",
            "--item", f"{PACK}/orange-line-passenger-trips", "--note", f"{PACK}/orange-line-passenger-trips=Cite in the opening.",
            "-o", str(out)]  # fmt: skip
    assert main(args) == 0
    brief = load_brief(out)
    meta = brief.meta
    assert (meta.title, meta.occasion, meta.recipient, meta.drafter, meta.reference, meta.date) == (
        "Call on the Minister", "Courtesy call", "Head of Mission", "Political Section", "ISB/POL/2026/201", "2026-12-01",
    )  # fmt: skip
    assert (meta.principal, meta.time, meta.venue, meta.marking) == ("Minister of State", "10:30", "MOFA", "RESTRICTED")
    assert meta.attendees.ours == [Attendee(name="Jane Smith", role="Head of Mission")]
    assert meta.attendees.theirs == [Attendee(name="Ali Khan", role="Additional Secretary", level="CONFIDENTIAL")]
    assert brief.sections.purpose.text == "To **hear** them.\n\n- one\n- two"
    assert (brief.sections.background.text, brief.sections.recommendation.text, brief.order) == ("Some background.", "Agree.", "listed")
    assert brief.items[0].note == "Cite in the opening."


def test_new_refuses_a_note_for_an_item_it_was_not_given(tmp_path, capsys):
    assert main(["new", "-t", "meeting-brief", "--note", f"{PACK}/x=y", "-o", str(tmp_path / "n.brief")]) == 1
    assert "--note names" in capsys.readouterr().err


def test_new_help_gives_examples():
    parser = build_parser()
    new = parser._subparsers._group_actions[0].choices["new"]
    text = new.format_help()
    assert "examples:" in text and "briefing new -t meeting-brief" in text and "--principal" in text and "--ours" in text
