"""Releasable versions: for every level of every bundled scheme, nothing above it is in the PDF or the .docx."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest

from briefing.brief.model import Brief
from briefing.brief.store import save_brief
from briefing.cli import main
from briefing.document import model as dm
from briefing.errors import StyleError
from briefing.export import export_brief, options_for
from briefing.levels.release import log_path, releasable
from briefing.style import load_markings
from briefing.templating.build import build_document
from tests.conftest import require_tool
from tests.levelled import levelled_brief, levelled_library, token, tokens_of
from tests.outputs import docx_furniture, docx_text, pdf_text

SCHEMES = list(load_markings().schemes)
CASES = [(scheme_id, k) for scheme_id in SCHEMES for k in range(len(load_markings().get(scheme_id).levels))]


@pytest.fixture(scope="module")
def levelled(tmp_path_factory):
    """Per scheme: its library and levelled brief."""
    out = {}
    for scheme_id in SCHEMES:
        scheme = load_markings().get(scheme_id)
        library = levelled_library(tmp_path_factory.mktemp(f"lib-{scheme_id}"), scheme)
        out[scheme_id] = (scheme, library, levelled_brief(library, scheme_id, scheme))
    return out


def pdf_objects(path) -> str:
    """Every object of the PDF, decompressed and out of object streams (qpdf --qdf), as text."""
    qdf = path.with_suffix(".qdf.pdf")
    subprocess.run([require_tool("qpdf"), "--qdf", "--object-streams=disable", str(path), str(qdf)], check=True)
    raw = qdf.read_bytes()
    return raw.decode("latin-1") + "\n" + _utf16_strings(raw)


def _utf16_strings(raw: bytes) -> str:
    """Text strings written as UTF-16 (bookmarks, properties): <FEFF...> hex and (\\xfe\\xff...) literals."""
    out = [bytes.fromhex(h).decode("utf-16-be", "replace") for h in re.findall(rb"<FEFF([0-9A-Fa-f]*)>", raw)]
    out += [
        lit.decode("latin-1").encode("latin-1").decode("utf-16-be", "replace") for lit in re.findall(rb"\(\xfe\xff((?:[^\\)]|\\.)*)\)", raw)
    ]
    return "\n".join(out)


def docx_parts(path) -> dict[str, str]:
    """Every XML part of the package (document, headers, footers, comments, docProps, customXml), with its text run together."""
    parts = {}
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                xml = package.read(name).decode("utf-8")
                parts[name] = xml + "\n" + re.sub(r"<[^>]+>", "", xml)
    return parts


@pytest.mark.parametrize(("scheme_id", "k"), CASES)
def test_nothing_above_the_level_is_in_either_file(tmp_path, levelled, scheme_id, k):
    scheme, library, brief = levelled[scheme_id]
    level = scheme.ids()[k]
    result = export_brief(brief, library, ["pdf", "docx"], tmp_path / "out.pdf", release_at=level, options=options_for(invariant=True))
    pdf, docx_file = result.outputs
    tokens = tokens_of(len(scheme.levels))
    above = [t for i, ts in tokens.items() if i > k for t in ts]
    kept = [t for i, ts in tokens.items() if i <= k for t in ts if not t.startswith("tokt")]  # tags are only keywords
    text, objects, parts = pdf_text(pdf), pdf_objects(pdf), docx_parts(docx_file)
    word_text = docx_text(docx_file)
    for t in above:
        assert t not in text, f"{t} in the PDF text"
        assert t not in objects, f"{t} in the PDF objects"
        for name, part in parts.items():
            assert t not in part, f"{t} in {name}"
    for t in kept:
        assert t in text and t in word_text, f"{t} is missing from the release at {level}"
    # the bookmarks of the kept pillars are in the objects: the object search does see text
    assert token("a", 0) in objects
    assert set(parts) >= {"word/document.xml", "docProps/core.xml", "docProps/app.xml"}


@pytest.mark.parametrize(("scheme_id", "k"), CASES)
def test_banner_numbering_sources_and_log(levelled, scheme_id, k):
    scheme, library, brief = levelled[scheme_id]
    level = scheme.ids()[k]
    release = releasable(brief, scheme, level)
    document = build_document(release.brief, release.library(library))
    assert document.meta.marking == scheme.level(level).banner
    assert release.banner_before == scheme.ids()[-1] and release.banner_after == level
    [sources] = [b for b in document.blocks if isinstance(b, dm.SourcesList)]
    assert [e.number for e in sources.entries] == list(range(1, len(release.brief.items) + 1))
    refs = {int(n) for b in document.blocks for line in dm.block_text(b) for n in re.findall(r"\[(\d+)\]", line)}
    assert refs == set(range(1, len(release.brief.items) + 1))
    n = len(scheme.levels)
    above = n - 1 - k
    assert len(release.brief.items) == 4 * (k + 1) + n
    log = "\n".join(release.log_lines())
    assert log.count("withheld item") == 4 * above
    assert log.count("withheld the note") == above
    expected_sections = [name for name, at in (("purpose", 0), ("background", n // 2), ("recommendation", n - 1)) if at > k]
    assert [name for name in ("purpose", "background", "recommendation") if f"the {name} section" in log] == expected_sections
    for t in (token("d", i) for i in range(n)):
        assert t not in log  # the log names portions by place and id, never by their text


def test_document_properties_keep_nothing_withheld(tmp_path, levelled):
    _, library, brief = levelled["traditional"]
    brief = brief.model_copy(deep=True)
    brief.meta.title, brief.meta.occasion, brief.meta.drafter = "Title", "Occasion", "Drafter"
    result = export_brief(brief, library, ["pdf", "docx"], tmp_path / "p.pdf", release_at="RESTRICTED")
    core = docx_parts(result.outputs[1])["docProps/core.xml"]
    assert token("t", 1) in core and token("t", 2) not in core  # keywords: the tags of what remains
    info = subprocess.run([require_tool("pdfinfo"), str(result.outputs[0])], capture_output=True, text=True, check=True).stdout
    assert "Title:" in info and token("t", 2) not in pdf_objects(result.outputs[0])


def test_details_at_the_brief_marking_are_withheld_below_it(tmp_path, levelled):
    scheme, library, brief = levelled["traditional"]
    brief = brief.model_copy(deep=True)
    brief.meta.marking, brief.meta.title, brief.meta.reference = "RESTRICTED", "Title tokz9x", "REF tokz8x"
    brief.items[0].note = "Unmarked note tokz7x"  # no level of its own: the brief's marking
    brief.meta.principal, brief.meta.time, brief.meta.venue = "Principal tokz6x", "10:30 tokz5x", "Venue tokz4x"  # the meeting's too
    release = releasable(brief, scheme, "UNCLASSIFIED")
    assert release.brief.meta.title == "" and release.brief.meta.marking is None
    assert all(e.ref != "lv/p0" or not e.note for e in release.brief.items)
    result = export_brief(brief, library, ["pdf", "docx"], tmp_path / "d.pdf", release_at="UNCLASSIFIED")
    for t in ("tokz9x", "tokz8x", "tokz7x", "tokz6x", "tokz5x", "tokz4x"):
        assert t not in pdf_text(result.outputs[0]) and all(t not in p for p in docx_parts(result.outputs[1]).values())
    assert "UNCLASSIFIED" in docx_furniture(result.outputs[1])
    assert "the brief's title" in result.release_log.read_text()
    assert "principal, time, venue (at the brief's marking)" in result.release_log.read_text()
    empty = brief.model_copy(deep=True, update={"items": []})
    empty.sections.purpose.level = None  # at the brief's marking, like everything else now
    empty = releasable(empty, scheme, "UNCLASSIFIED")
    assert "nothing of the brief's items and sections is releasable at UNCLASSIFIED" in "\n".join(empty.log_lines())


def test_unknown_fields_with_levels_are_withheld(levelled):
    scheme, _, brief = levelled["traditional"]
    data = brief.model_dump(mode="json")
    data["attendees"] = [{"name": "Open", "level": "UNCLASSIFIED"}, {"name": "Quiet", "level": "SECRET"}, {"name": "Unmarked"}]
    data["meta"]["setting"] = {"text": "A secret room", "level": "SECRET"}
    data["meta"]["attendees"] = {"ours": [{"name": "Head of Mission"}], "theirs": [{"name": "A quiet guest", "level": "SECRET"}]}
    release = releasable(Brief.model_validate(data), scheme, "RESTRICTED")
    extra = release.brief.model_extra
    assert [a["name"] for a in extra["attendees"]] == ["Open", "Unmarked"]
    assert "setting" not in release.brief.meta.model_extra
    assert [a.name for a in release.brief.meta.attendees.ours] == ["Head of Mission"] and release.brief.meta.attendees.theirs == []
    log = release.log_lines()
    assert "withheld attendees entry 2: SECRET is above RESTRICTED" in log and "withheld meta.setting: SECRET is above RESTRICTED" in log
    assert "withheld attendee 1 on their side: SECRET is above RESTRICTED" in log


def test_the_history_never_reaches_a_release(tmp_path, levelled):
    scheme, _, brief = levelled["traditional"]
    brief = brief.model_copy(deep=True)
    save_brief(brief, tmp_path / "h.brief")
    assert brief.history.versions
    release = releasable(brief, scheme, "UNCLASSIFIED")
    assert not release.brief.history.versions and not release.brief.history.snapshots and not release.brief.clearance


def test_an_unknown_level_lists_the_schemes_levels(levelled):
    scheme, _, brief = levelled["uk"]
    with pytest.raises(StyleError, match="OFFICIAL, OFFICIAL-SENSITIVE, SECRET, TOP SECRET"):
        releasable(brief, scheme, "RESTRICTED")


def test_cli_release(tmp_path, capsys, levelled):
    scheme, _, brief = levelled["uk"]
    levelled_library(tmp_path / "lib", scheme)
    path = tmp_path / "call.brief"
    save_brief(brief.model_copy(deep=True), path)
    content = ["--content", str(tmp_path / "lib")]
    assert main(["build", str(path), "--format", "both", "--release-at", "secret", *content]) == 0
    out = capsys.readouterr().out
    pdf = tmp_path / "call.release-SECRET.pdf"
    log = tmp_path / "call.release-SECRET.log.txt"
    assert str(pdf) in out and str(tmp_path / "call.release-SECRET.docx") in out
    assert "withheld item 13 (pillar lv/p3): TOP SECRET is above SECRET" in out and f"removal log: {log}" in out
    assert log == log_path(pdf, "SECRET") and "withheld item 13" in log.read_text()
    assert token("a", 3) not in pdf_text(pdf) and token("a", 2) in pdf_text(pdf)
    assert main(["build", str(path), "--release-at", "RESTRICTED"]) == 1
    err = capsys.readouterr().err
    assert "'RESTRICTED' is not a marking" in err and "OFFICIAL, OFFICIAL-SENSITIVE, SECRET, TOP SECRET" in err
    assert not (tmp_path / "call.release-RESTRICTED.pdf").exists()


def test_a_level_the_scheme_lacks_names_the_item(levelled):
    scheme, _, brief = levelled["uk"]
    brief = brief.model_copy(deep=True)
    brief.items[0].snapshot["level"] = "RESTRICTED"
    with pytest.raises(StyleError, match=r"item lv/p0: 'RESTRICTED' is not a marking"):
        releasable(brief, scheme, "SECRET")


def test_build_strict_checks_the_releasable_version_it_writes(tmp_path, capsys, levelled):
    scheme, _, brief = levelled["uk"]
    levelled_library(tmp_path / "lib", scheme)
    path = tmp_path / "call.brief"
    save_brief(brief.model_copy(deep=True), path)
    content = ["--content", str(tmp_path / "lib")]
    assert main(["build", str(path), "--strict", *content]) == 1
    full = capsys.readouterr().err
    assert "(lv/f3)" in full  # a stale TOP SECRET figure
    assert main(["build", str(path), "--strict", "--release-at", "SECRET", *content]) == 1
    released = capsys.readouterr().err
    assert "(lv/f2)" in released and "(lv/f3)" not in released  # withheld from the version being written, so not found in it
