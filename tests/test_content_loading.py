"""Strict pack loading: each broken pack gives one clear error with file:line, and the rest still load."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from briefing.content.library import load_library
from briefing.content.packfile import read_pack
from tests.packs import MINIMAL, write_pack

LOCATED = re.compile(r"^(?P<file>.+\.ya?ml):(?P<line>\d+)(:(?P<col>\d+))?: .+")


def problems_for(tmp_path: Path, text: str | bytes) -> list[str]:
    folder = tmp_path / "packs"
    folder.mkdir()
    path = folder / "bad.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    write_pack(folder, "good.yaml", pack="good")
    library = load_library([folder])
    assert "good/trips" in library.items, "a broken pack must not stop the others loading"
    messages = [str(p) for p in library.problems]
    for message in messages:
        assert LOCATED.match(message), message
        assert "bad.yaml" in message
    return messages


def test_minimal_pack_loads(tmp_path):
    pack, _, problems = read_pack(write_pack(tmp_path))
    assert problems == [] and pack is not None
    assert pack.figures[0].value == 250000000
    assert pack.quotations[0].kind == "reported"


@pytest.mark.parametrize(
    ("mutate", "expected", "line"),
    [
        (lambda t: t.replace("  kind: article", "  kind: article\n   oops: [", 1), "YAML syntax error", None),
        (lambda t: t.replace("    unit: passenger trips\n", "    unit: passenger trips\n    unit: trips\n"), "duplicate key 'unit'", 21),
        (lambda t: t.replace("    unit: passenger trips\n", "    unit: passenger trips\n    colour: red\n"), "unknown field 'colour'", 21),
        (lambda t: t.replace("value: 250000000", "value: lots"), "'value' must be a number", 18),
        (lambda t: t.replace("title: Test pack", "title: NO"), "'NO' is read as a boolean", 3),
        (lambda t: t.replace("unit: passenger trips", "unit: 1.10"), "'unit' must be text, but '1.10' is read as a number", 20),
        (lambda t: t.replace("value: 250000000", "value: 012"), "octal", 18),
        (lambda t: t.replace("value: 250000000", "value: 12:30"), "base-60", 18),
        (lambda t: t.replace("  - id: trust\n", "  - &p id: trust\n"), "anchor &p is not allowed", 10),
        (lambda t: t + "extra: *p\n", "alias *p is not allowed", None),
        (lambda t: t.replace("title: Test pack", "title: !!python/object/apply:os.system [touch /tmp/pwned]"), "tag", 3),
        (
            lambda t: t.replace("    pillar: trust\n    source: {paragraph: 2}", "    pillar: nowhere\n    source: {paragraph: 2}"),
            "unknown pillar 'nowhere'",
            None,
        ),
        (lambda t: t.replace("    kind: reported\n    verb: stated that\n", "    kind: hearsay\n    verb: stated that\n"), "'kind'", 30),
        (lambda t: t.replace("    verb: stated that\n", ""), "needs its reporting verb", None),
    ],
)
def test_bad_pack_gives_one_located_error(tmp_path, mutate, expected, line):
    messages = problems_for(tmp_path, mutate(MINIMAL.format(pack="bad")))
    assert len(messages) == 1, messages
    assert expected in messages[0]
    if line is not None:
        assert LOCATED.match(messages[0]).group("line") == str(line), messages[0]


def test_python_tag_executes_nothing(tmp_path):
    marker = tmp_path / "pwned"
    text = MINIMAL.format(pack="bad").replace("title: Test pack", f"title: !!python/object/apply:os.system ['touch {marker}']")
    problems_for(tmp_path, text)
    assert not marker.exists()


def test_unknown_field_lists_the_expected_ones(tmp_path):
    [message] = problems_for(
        tmp_path, MINIMAL.format(pack="bad").replace("    unit: passenger trips\n", "    unit: passenger trips\n    colour: red\n")
    )
    assert "expected one of:" in message and "display" in message


def test_non_utf8(tmp_path):
    [message] = problems_for(tmp_path, MINIMAL.format(pack="bad").encode("utf-8").replace(b"Our summary.", b"Our \xff summary."))
    assert "invalid UTF-8" in message and ":12:" in message


def test_utf16_is_refused(tmp_path):
    [message] = problems_for(tmp_path, MINIMAL.format(pack="bad").encode("utf-16"))
    assert "UTF-16" in message


def test_utf8_bom_is_accepted(tmp_path):
    pack, _, problems = read_pack(write_pack(tmp_path, text="\ufeff" + MINIMAL.format(pack="bom")))
    assert problems == [] and pack is not None


def test_huge_file_is_refused_quickly(tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    with open(folder / "huge.yaml", "wb") as handle:
        handle.write(b"# " + b"x" * (50 * 1024 * 1024) + b"\n")
    write_pack(folder, "good.yaml", pack="good")
    start = time.perf_counter()
    library = load_library([folder])
    assert time.perf_counter() - start < 1.0
    [problem] = library.problems
    assert "huge.yaml:1:1: file is too large" in str(problem)
    assert "good/trips" in library.items


def test_alias_bomb_is_refused_before_expansion(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    start = time.perf_counter()
    [message] = problems_for(tmp_path, bomb)
    assert time.perf_counter() - start < 1.0
    assert "anchor &a is not allowed" in message


def test_same_id_in_two_folders_names_both(tmp_path):
    first = write_pack(tmp_path / "one", pack="same")
    second = write_pack(tmp_path / "two", pack="same")
    library = load_library([tmp_path / "one", tmp_path / "two"])
    messages = [str(p) for p in library.problems]
    assert len(messages) == 1
    assert str(first) in messages[0] and str(second) in messages[0]
    assert "same/trips" in library.items


def test_duplicate_item_id_in_one_pack(tmp_path):
    text = (
        MINIMAL.format(pack="dup")
        + "events: []\nprojects:\n  - id: trust\n    name: X\n    summary: A project.\n    status: planned\n    pillar: trust\n    source: {paragraph: 1}\n"
    )
    pack, _, problems = read_pack(write_pack(tmp_path, text=text))
    assert pack is None
    assert any("duplicate id 'trust'" in str(p) for p in problems)


def test_user_and_extra_folders_are_loaded(tmp_path, isolated_home):
    from briefing import paths

    write_pack(paths.user_content_dir(), pack="mine")
    write_pack(tmp_path / "extra", pack="extra")
    library = load_library(extra=[tmp_path / "extra"])
    assert "mine/trips" in library.items and "extra/trips" in library.items


def test_cache_is_invalidated_when_a_file_changes(tmp_path):
    path = write_pack(tmp_path)
    assert load_library([tmp_path]).get("test/trips").model.display == "over 250 million"
    path.write_text(MINIMAL.format(pack="test").replace("over 250 million", "over 260 million"), encoding="utf-8")
    assert load_library([tmp_path]).get("test/trips").model.display == "over 260 million"


@pytest.mark.parametrize("damage", [b"", b'{"v": 2, "pack": {"fo', b"\x00" * 64])
def test_a_damaged_cache_entry_is_read_again_from_the_pack(tmp_path, damage):
    """Cache entries are written without fsync: after a power cut one may be empty or cut short. It is ignored."""
    from briefing import paths

    path = write_pack(tmp_path)
    load_library([tmp_path])
    [entry] = (paths.user_cache_dir() / "packs").glob("*.json")
    entry.write_bytes(damage)
    from briefing.content import cache

    cache.clear()
    library = load_library([tmp_path])
    assert library.problems == [] and library.get("test/trips").model.display == "over 250 million"
    assert path.exists() and entry.read_bytes() != damage  # written again


HOSTILE_PACKS = {
    "python-object": "format: 1\npack: x\ntitle: !!python/object/apply:os.system ['echo pwned']\n",
    "python-name": "format: 1\npack: x\ntitle: !!python/name:os.system\n",
    "alias-bomb": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
    "self-alias": "a: &a [*a]\n",
    "duplicate-key": "format: 1\nformat: 1\n",
    "NO": "format: 1\npack: NO\n",
    "1.10": MINIMAL.format(pack="x").replace("title: Test pack", "title: 1.10"),
    "012": "format: 012\n",
    "12:30": "format: 1\npack: x\ntitle: 12:30\n",
    "utf-16": "format: 1\n".encode("utf-16"),
    "invalid-utf8": b"format: 1\ntitle: caf\xe9\n",
}


@pytest.mark.parametrize("case", sorted(HOSTILE_PACKS))
def test_hostile_pack_is_one_clear_error_within_a_second(tmp_path, case):
    start = time.perf_counter()
    messages = problems_for(tmp_path, HOSTILE_PACKS[case])
    assert time.perf_counter() - start < 1.0
    assert len(messages) >= 1 and messages[0].count(":") >= 3, messages  # file:line:col: first


def test_100_mb_pack_is_refused_within_a_second(tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    with open(folder / "huge.yaml", "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: the size is what counts
    write_pack(folder, "good.yaml", pack="good")
    start = time.perf_counter()
    library = load_library([folder])
    assert time.perf_counter() - start < 1.0
    assert ["too large" in str(p) for p in library.problems] == [True]
    assert "good/trips" in library.items


def test_a_deep_duplicate_key_names_the_first_one(tmp_path):
    """Packs are read with item positions only; one with a problem is read again in full, so deep errors are exact."""
    text = MINIMAL.format(pack="bad").replace("    unit: passenger trips\n", "    unit: passenger trips\n    unit: trips\n")
    [message] = problems_for(tmp_path, text)
    assert "duplicate key 'unit' (first at line 20)" in message


def test_the_quick_read_of_a_pack_gives_the_same_data_and_item_lines(tmp_path):
    from briefing import paths
    from briefing.content.packfile import ITEM_DEPTH
    from briefing.yamlread import load_yaml_file

    for path in [write_pack(tmp_path), *sorted(paths.content_dir().glob("*.yaml"))]:
        full, quick = load_yaml_file(path), load_yaml_file(path, mark_depth=ITEM_DEPTH)
        assert quick.data == full.data
        assert quick.value_marks == {at: mark for at, mark in full.value_marks.items() if len(at) <= ITEM_DEPTH}
        assert len(full.value_marks) > len(quick.value_marks) > 1


def test_without_libyaml_a_control_character_is_a_located_error(tmp_path, monkeypatch):
    """The pure-Python reader (no libyaml) checks characters when it is made: still one ContentError."""
    import yaml

    from briefing import yamlread as yamlload
    from briefing.errors import ContentError

    monkeypatch.setattr(yamlload, "_Loader", yaml.SafeLoader)
    with pytest.raises(ContentError) as caught:
        yamlload.parse_yaml("a: \x07\n", tmp_path / "x.yaml")
    assert "x.yaml:" in str(caught.value)


def test_an_unclosed_quote_is_found_where_it_opens_not_at_the_end_of_the_file(tmp_path):
    path = write_pack(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    number = len(lines)
    lines += ['description: "Unclosed, and the file goes on', "after it for a line or two", ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, _, problems = read_pack(path)
    [problem] = problems
    assert problem.location.line == number + 1 and problem.location.column == 14
    assert "a quoted scalar opens here and is never closed" in str(problem)
