"""The library search: typing narrows the last search's hits, and always finds exactly what a full scan finds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.content.library import Library
from briefing.content.search import Query, SearchIndex, _haystack, fold
from tests.packs import generated_library


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Library:
    return generated_library(tmp_path_factory.mktemp("library"), 1000)


def full_scan(library: Library, query: Query) -> list[str]:
    """What the search must return: every item whose text has every word, checked one by one."""
    words = fold(query.text).split()
    return [
        item.id
        for item in library
        if (not query.kind or item.kind == query.kind)
        and (not query.pillar or item.pillar == query.pillar)
        and all(word in _haystack(item) for word in words)
    ]


# Typing: letters from the generator's words, spaces, backspaces, and filter changes between keystrokes.
KEYS = st.sampled_from([*list("railwyscholpten "), "\x08", "\x08\x08\x08", "kind", "pillar", "clear"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=st.lists(KEYS, min_size=1, max_size=14))
def test_typing_finds_what_a_full_scan_finds(library, keys):
    index = SearchIndex(library)
    text, kind, pillar = "", None, None
    for key in keys:
        if key == "kind":
            kind = None if kind else "figure"
        elif key == "pillar":
            pillar = None if pillar else "bench-000/pillar-1"
        elif key == "clear":
            text = ""
        elif key.startswith("\b"):
            text = text[: -len(key)]
        else:
            text += key
        query = Query(text, kind, pillar)
        assert [item.id for item in index.search(query)] == full_scan(library, query), query


def test_a_longer_word_scans_only_the_last_hits(library):
    index = SearchIndex(library)
    first = index.search(Query("rail"))
    assert index._last is not None
    narrowed_from = index._last[2]
    assert len(narrowed_from) == len(first) < len(library)
    second = index.search(Query("railway"))
    assert {i.id for i in second} <= {i.id for i in first}
    assert all("railway" in fold(" ".join(map(str, i.model.__dict__.values()))) for i in second)
    widened = index.search(Query("rai"))  # deleting a letter widens the search again: a full scan
    assert len(widened) >= len(first)
