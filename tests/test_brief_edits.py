"""The core edits: each checks the edit and returns the command that makes it, or None when there is nothing to do."""

from __future__ import annotations

from briefing.brief import edits
from briefing.brief.model import Brief
from briefing.content.library import load_library

LIBRARY = load_library()
IDS = sorted(LIBRARY.items)[:3]


def test_adding_skips_unknown_ids_repeats_and_items_already_in_the_brief():
    brief = Brief()
    command = edits.add_items(brief, LIBRARY, [IDS[0], IDS[0], "no/such"])
    assert command is not None and command.row == 0 and len(command.entries) == 1
    command.apply(brief)
    assert edits.add_items(brief, LIBRARY, [IDS[0]]) is None
    later = edits.add_items(brief, LIBRARY, [IDS[1], IDS[2]], row=99)  # out of range: the end
    assert later is not None and later.row == 1 and later.text == "Add 2 items"


def test_rows_are_clamped_and_no_ops_return_none():
    brief = Brief()
    edits.add_items(brief, LIBRARY, IDS).apply(brief)
    assert edits.remove_rows(brief, [7, -1]) is None
    assert edits.remove_rows(brief, [2, 2, 0]).rows == [0, 2]
    assert edits.move_item(brief, 1, 1) is None and edits.move_item(brief, 0, 3) is None
    assert edits.set_note(brief, 0, "") is None
    assert edits.set_field(brief, "meta.title", brief.meta.title) is None
    assert edits.set_field(brief, "meta.title", "New").text == "Edit title"
    assert edits.refresh(brief, {}, 0) is None  # the library no longer has it


def test_a_command_reverts_what_it_applied():
    brief = Brief()
    edits.add_items(brief, LIBRARY, IDS).apply(brief)
    command = edits.move_item(brief, 0, 2)
    command.apply(brief)
    assert [e.ref for e in brief.items] == [IDS[1], IDS[2], IDS[0]]
    command.revert(brief)
    assert [e.ref for e in brief.items] == IDS
