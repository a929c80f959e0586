"""Fuzzing (issue 11): generated and mutated briefs and packs, fed to the commands, never give anything but a BriefingError.

The suite's budget is a few seconds; ``python benchmarks/fuzz_long.py`` runs the long version.
"""

from __future__ import annotations

import contextlib
import json

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import (
    SAMPLE_BRIEF,
    SEED_PACK,
    brief_commands,
    consistent,
    dump_pack,
    first_item,
    folder,
    from_schema,
    mutated,
    pack_commands,
    profile,
)

SAMPLE = json.loads(SAMPLE_BRIEF.read_text(encoding="utf-8"))


@profile("schema")
@given(from_schema("brief"), st.booleans())
def test_briefs_from_the_schema(brief, usable):
    if usable:  # most of what the schema allows names no template or marking there is: make half of them buildable
        brief.update(template="meeting-brief", format="briefing.brief", version=2)
        brief.setdefault("meta", {}).update(scheme=None, marking=None)
        for entry in brief.get("items", []):
            entry.update(note_level=None)
            entry["snapshot"].update(level=None)
        brief.pop("sections", None)
    with folder() as out:
        path = out / "schema.brief"
        path.write_text(json.dumps(brief, ensure_ascii=False), encoding="utf-8", errors="surrogatepass")
        brief_commands(path, out)


@profile("schema")
@given(from_schema("content-pack"), st.booleans())
def test_packs_from_the_schema(pack, usable):
    if usable:  # the schema cannot say that pillars exist or that ids are unique: make half of them loadable
        pack = consistent(pack)
    with folder() as out:
        (out / "content").mkdir()
        (out / "content" / "generated.yaml").write_bytes(dump_pack(pack))
        pack_commands(out / "content", out, build=True, item=first_item(pack))


@profile("mutation")
@given(mutated(SEED_PACK.read_bytes()))
def test_mutated_seed_packs(data):
    with folder() as out:
        (out / "content").mkdir()
        (out / "content" / "cpec.yaml").write_bytes(data)
        pack_commands(out / "content", out, build=False)


@profile("mutation")
@given(mutated(SAMPLE_BRIEF.read_bytes()))
def test_mutated_sample_briefs_load(data):
    from briefing.brief.store import parse_brief
    from briefing.errors import BriefingError

    with contextlib.suppress(BriefingError):
        parse_brief(data, SAMPLE_BRIEF)


@profile("build")
@given(mutated(SAMPLE_BRIEF.read_bytes()))
def test_mutated_sample_briefs_build(data):
    with folder() as out:
        path = out / "mutated.brief"
        path.write_bytes(data)
        brief_commands(path, out)


@profile("build")
@given(mutated(SEED_PACK.read_bytes()))
def test_mutated_seed_packs_build(data):
    with folder() as out:
        (out / "content").mkdir()
        (out / "content" / "cpec.yaml").write_bytes(data)
        pack_commands(out / "content", out, build=True)


STYLES = SAMPLE_BRIEF.parents[1] / "styles"
TEMPLATE = SAMPLE_BRIEF.parents[2] / "templates" / "meeting-brief.xml.j2"
REFERENCE = SAMPLE_BRIEF.parents[1] / "reference.docx"


@profile("mutation")
@given(st.sampled_from(["house-style.yaml", "markings.yaml", "template", "reference"]), st.data())
def test_mutated_house_style_markings_front_matter_and_reference(which, data):
    """The other readers: each mutant is read, or refused with the project's own error."""
    from briefing.errors import BriefingError
    from briefing.style import load_house_style, load_markings
    from briefing.templating.registry import read_info
    from briefing.writers.docx import open_reference

    original = {"template": TEMPLATE, "reference": REFERENCE}.get(which) or STYLES / which
    reader = {"house-style.yaml": load_house_style, "markings.yaml": load_markings, "template": read_info, "reference": open_reference}[
        which
    ]
    with folder() as out:
        path = out / original.name
        path.write_bytes(data.draw(mutated(original.read_bytes()[:4000] if which == "template" else original.read_bytes())))
        with contextlib.suppress(BriefingError):
            reader(path)
