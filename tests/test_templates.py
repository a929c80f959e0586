"""Templates: the three shipped ones build the document model; the sandbox holds; errors name file:line."""

from __future__ import annotations

import pytest

from briefing import paths
from briefing.brief.model import Brief, entry_for
from briefing.content.library import load_library
from briefing.document import model as dm
from briefing.errors import TemplateError, TemplateNotAllowed
from briefing.templating.build import build_document
from briefing.templating.registry import get_template, list_templates
from tests.packs import MINIMAL, write_pack

DIRECT = """\
  - id: direct
    speaker: Shehbaz Sharif
    speaker_title: Prime Minister
    role: Prime Minister of Pakistan
    kind: direct
    text: Our friendship remains an epic of trust.
    occasion: Article in the People's Daily
    pillar: trust
    source: {paragraph: 4}
"""


@pytest.fixture
def library(tmp_path):
    write_pack(tmp_path / "lib", text=MINIMAL.format(pack="test") + DIRECT)
    return load_library([tmp_path / "lib"])


@pytest.fixture
def brief(library):
    b = Brief(template="meeting-brief")
    b.meta.title = "Call on the Minister"
    b.meta.occasion = "Bilateral meeting"
    b.meta.marking = "RESTRICTED"
    b.sections.purpose.text = "To agree next steps."
    for item_id in ("test/trust", "test/trips", "test/said", "test/direct"):
        b.items.append(entry_for(library.get(item_id)))
    return b


def write_user_template(name: str, body: str, front: str = "name: Mine") -> None:
    folder = paths.user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.xml.j2").write_text(f"{{# briefing-template\n{front}\n#}}\n{body}", encoding="utf-8")


def test_three_templates_ship_with_budgets():
    templates, problems = list_templates()
    assert problems == []
    by_id = {t.id: t for t in templates}
    assert {"meeting-brief", "talking-points", "briefing-pack"} <= set(by_id)
    assert by_id["meeting-brief"].info.page_budget == 1
    assert by_id["briefing-pack"].info.page_budget is None


@pytest.mark.parametrize("template_id", ["meeting-brief", "talking-points", "briefing-pack"])
def test_each_template_builds_with_every_item(brief, library, template_id):
    doc = build_document(brief, library, template_id)
    text = "\n".join(line for block in doc.blocks for line in dm.block_text(block))
    assert "Trust" in text
    assert "over 250 million" in text
    assert "President Xi Jinping stated that the bond is strong." in text
    assert "\u201cOur friendship remains an epic of trust.\u201d" in text
    assert "\u201cthe bond is strong" not in text  # reported speech is never quoted
    assert doc.meta.marking == "RESTRICTED"
    sources = [b for b in doc.blocks if isinstance(b, dm.SourcesList)]
    assert sources and any("para. 2" in e.citation for e in sources[0].entries)


def test_briefing_pack_has_cover_contents_and_annexes(brief, library):
    doc = build_document(brief, library, "briefing-pack")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds.index("PageBreak") < kinds.index("Contents")
    headings = [dm.plain(b.runs) for b in doc.blocks if isinstance(b, dm.Heading)]
    # its figures are all in one pillar's table, shown in full: Annex A does not repeat it
    assert "Annex A: All figures" not in headings and "Annex A: Sources" in headings


def test_banner_is_highest_level_present(brief, library):
    brief.items[1].note = "Sensitive."
    brief.items[1].note_level = "SECRET"
    assert build_document(brief, library).meta.marking == "SECRET"
    brief.meta.marking = "TOP SECRET"
    assert build_document(brief, library).meta.marking == "TOP SECRET"


def test_uk_scheme(brief, library):
    brief.meta.scheme = "uk"
    brief.meta.marking = "OFFICIAL-SENSITIVE"
    assert build_document(brief, library).meta.marking == "OFFICIAL-SENSITIVE"


def test_content_cannot_inject_markup(brief, library):
    brief.meta.title = '<h1>x</h1></p><pagebreak/><a href="javascript:alert(1)">y</a> & {{ 7*7 }}'
    brief.items[1].note = "</note><figures/>"
    doc = build_document(brief, library)
    assert dm.plain(doc.blocks[0].runs) == brief.meta.title
    assert not any(isinstance(b, dm.PageBreak) for b in doc.blocks)
    figures = next(b for b in doc.blocks if isinstance(b, dm.FiguresTable))
    assert dm.plain(figures.rows[0].note) == "</note><figures/>"


def test_user_template_overrides_and_is_listed(brief, library):
    write_user_template("mine", "<document><p>{{ brief.title }}</p></document>", "name: Mine\npage_budget: 2")
    assert get_template("mine").user
    doc = build_document(brief, library, "mine")
    assert doc.meta.page_budget == 2 and dm.plain(doc.blocks[0].runs) == "Call on the Minister"


@pytest.mark.parametrize(
    "body",
    [
        "<document><p>{{ ''.__class__.__mro__ }}</p></document>",
        "<document><p>{{ brief|attr('__class__') }}</p></document>",
        "<document><p>{{ (brief.title|attr('__class__')).__subclasses__() }}</p></document>",
        "<document><p>{{ items.append(1) }}</p></document>",
    ],
)
def test_sandbox_escapes_are_not_allowed(brief, library, body):
    write_user_template("evil", body)
    with pytest.raises(TemplateNotAllowed, match="not allowed"):
        build_document(brief, library, "evil")


def test_include_outside_folder_is_not_allowed(brief, library):
    write_user_template("evil", "<document>{% include '../x.xml.j2' %}</document>")
    with pytest.raises(TemplateNotAllowed, match="template not allowed"):
        build_document(brief, library, "evil")


def test_undefined_names_file_and_line(brief, library):
    write_user_template("typo", "<document>\n<p>ok</p>\n<p>{{ brief.titel }}</p>\n</document>")
    with pytest.raises(TemplateError) as info:
        build_document(brief, library, "typo")
    assert "typo.xml.j2:6" in str(info.value) and "titel" in str(info.value)


def test_syntax_error_names_file_and_line(brief, library):
    write_user_template("broken", "<document>\n{% for x in items %}\n<p>x</p>\n</document>")
    with pytest.raises(TemplateError) as info:
        build_document(brief, library, "broken")
    assert "broken.xml.j2:" in str(info.value) and "syntax" in str(info.value)


def test_unknown_block_is_loud(brief, library):
    write_user_template("odd", "<document>\n<marquee>hi</marquee>\n</document>")
    with pytest.raises(TemplateError) as info:
        build_document(brief, library, "odd")
    assert "unknown block <marquee>" in str(info.value) and "odd.xml.j2:5" in str(info.value)


def test_template_cannot_forge_a_direct_quote(brief, library):
    write_user_template("forge", '<document><quotation item="2" kind="direct"/></document>')
    [quote] = build_document(brief, library, "forge").blocks
    assert quote.kind == "reported"


def test_front_matter_error_is_located():
    write_user_template("badfront", "<document/>", "name: X\npage_budget: many")
    _, problems = list_templates()
    assert any("badfront.xml.j2:3" in str(p) and "page_budget" in str(p) for p in problems)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "{% for i in range(9999) %}{% for j in range(9999) %}{% for k in range(9999) %}{% endfor %}{% endfor %}{% endfor %}",
            "still running",
        ),
        ("<p>{{ 'x' * 100000000 }}</p>", "too long"),
        ("<p>{{ ('x' * 900000) + ('x' * 900000) }}</p>", "too long"),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}<p>{{ f(0) }}</p>", "exceeded its limits"),
        ("{% include 'self.xml.j2' %}", "exceeded its limits"),
        ("<p>{{ 9 ** 999999 }}</p>", "exponent"),
    ],
)
def test_runaway_templates_are_stopped(brief, library, body, expected, monkeypatch):
    import time

    from briefing.templating import isolate

    monkeypatch.setattr(isolate, "TIME_LIMIT_S", 3.0)
    write_user_template("self", "<document>" + body + "</document>")
    start = time.perf_counter()
    with pytest.raises(TemplateError, match=expected):
        build_document(brief, library, "self")
    assert time.perf_counter() - start < 8


def test_runaway_template_writes_no_output_file(brief, library, tmp_path, monkeypatch):
    from briefing.export import export_brief
    from briefing.templating import isolate

    monkeypatch.setattr(isolate, "TIME_LIMIT_S", 2.0)
    write_user_template(
        "spin",
        "<document>{% for i in range(9999) %}{% for j in range(9999) %}{% for k in range(9999) %}{% endfor %}{% endfor %}{% endfor %}</document>",
    )
    target = tmp_path / "out.pdf"
    with pytest.raises(TemplateError, match="exceeded its limits"):
        export_brief(brief, library, ["pdf", "docx"], target, template_id="spin")
    assert list(tmp_path.glob("out.*")) == [] and not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


@pytest.mark.parametrize("damage", ["header", "after-header", "empty"])
def test_compiled_templates_are_cached_and_a_damaged_entry_is_compiled_again(brief, library, damage):
    import jinja2.bccache

    from briefing.templating import sandbox as render

    render._environment.cache_clear()
    first = build_document(brief, library, "meeting-brief")
    entries = list(render._bytecode_folder(render.environment()).glob("*.cache"))
    assert entries  # written for the next process
    for entry in entries:
        data = entry.read_bytes()
        damaged = {"header": b"j2\x00garbage", "after-header": jinja2.bccache.bc_magic + b"\xff", "empty": b""}[damage]
        assert data != damaged
        entry.write_bytes(damaged)
    for _ in range(2):  # the damaged entry is compiled again and rewritten
        render._environment.cache_clear()
        assert build_document(brief, library, "meeting-brief") == first


def test_the_compiled_template_cache_is_keyed_on_the_sandbox():
    """Compiled code bakes in the sandbox's intercepted operators: another sandbox must not load it."""
    from briefing.templating import sandbox as render

    env = render.environment()
    other = render._LimitedSandbox(loader=env.loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)
    other.intercepted_binops = frozenset(["*"])
    assert render._bytecode_folder(other) != render._bytecode_folder(env)


def test_an_edited_template_is_compiled_again(brief, library):
    write_user_template("mine", "<document><p>first {{ brief.title }}</p></document>")
    assert dm.plain(build_document(brief, library, "mine").blocks[0].runs).startswith("first")
    write_user_template("mine", "<document><p>second {{ brief.title }}</p></document>")
    assert dm.plain(build_document(brief, library, "mine").blocks[0].runs).startswith("second")


@pytest.mark.parametrize(
    ("label", "unit", "said"),
    [
        ("Patients treated at the China-Pakistan Friendship Hospital in Gwadar", "patients", ""),
        ("Passenger journeys on the Lahore Orange Line metro", "passenger trips (cumulative)", "passenger trips (cumulative)"),
        ("Bilateral trade", "USD billion", "USD billion"),
        ("Share of exports", "%", "%"),
        ("Metres of track", "m", "m"),
        ("Study places", "Places", ""),
    ],
)
def test_a_figure_unit_is_not_said_twice_in_a_sentence(label, unit, said):
    from briefing.content.present import unit_in_sentence

    assert unit_in_sentence(label, unit) == said


def test_talking_points_do_not_repeat_the_unit_the_label_names(tmp_path):
    from briefing.brief.store import load_brief
    from briefing.content.library import load_library
    from briefing.export import export_brief, options_for
    from tests.conftest import SAMPLE_BRIEF
    from tests.outputs import pdf_text

    result = export_brief(
        load_brief(SAMPLE_BRIEF), load_library(), ["pdf"], tmp_path / "tp.pdf", template_id="talking-points", options=options_for()
    )
    text = " ".join(pdf_text(result.outputs[0]).split())
    assert "Friendship Hospital in Gwadar: more than 300,000. [4]" in text
    assert "more than 300,000 patients" not in text
