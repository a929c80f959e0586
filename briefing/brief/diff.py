"""Comparing two briefs (or two versions of one): items added, removed and moved, text changed word by word, details changed."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .clearance import state_of
from .model import Brief, Entry

SECTIONS = ("purpose", "background", "recommendation")


@dataclass(frozen=True)
class Change:
    """One difference: its kind (``item added``, ``note changed``, ``marking changed``, ...) and what it says."""

    kind: str
    text: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"


def word_diff(old: str, new: str) -> str:
    """``new`` with the changed words marked: ``[-removed-]`` and ``{+added+}``."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _name(entry: Entry) -> str:
    snap = entry.snapshot
    title = snap.get("title") or snap.get("label") or snap.get("name") or snap.get("speaker") or ""
    return f"{entry.kind} {entry.ref}" + (f" ({title})" if title else "")


def _item_changes(a: Brief, b: Brief) -> list[Change]:
    old = {e.ref: (n, e) for n, e in enumerate(a.items, 1)}
    new = {e.ref: (n, e) for n, e in enumerate(b.items, 1)}
    changes = [Change("item removed", f"{_name(e)}, was item {n}") for ref, (n, e) in old.items() if ref not in new]
    changes += [Change("item added", f"{_name(e)}, now item {n}") for ref, (n, e) in new.items() if ref not in old]
    common_old = [e.ref for e in a.items if e.ref in new]
    common_new = [e.ref for e in b.items if e.ref in old]
    matcher = difflib.SequenceMatcher(a=common_old, b=common_new, autojunk=False)
    stayed = {ref for block in matcher.get_matching_blocks() for ref in common_old[block.a : block.a + block.size]}
    for ref in common_new:
        (n_old, e_old), (n_new, e_new) = old[ref], new[ref]
        if ref not in stayed:
            changes.append(Change("item moved", f"{_name(e_new)}, from item {n_old} to item {n_new}"))
        if e_old.note.strip() != e_new.note.strip():
            changes.append(Change("note changed", f"on {_name(e_new)}: {word_diff(e_old.note, e_new.note)}"))
        if (e_old.note_level or None) != (e_new.note_level or None):
            changes.append(Change("note level changed", f"on {_name(e_new)}: {e_old.note_level or 'none'} -> {e_new.note_level or 'none'}"))
        if e_old.snapshot != e_new.snapshot:
            changes.append(Change("item updated", f"{_name(e_new)}: its content changed (refreshed from the library)"))
    return changes


def _section_changes(a: Brief, b: Brief) -> list[Change]:
    changes = []
    for name in SECTIONS:
        old, new = getattr(a.sections, name), getattr(b.sections, name)
        if old.text.strip() != new.text.strip():
            changes.append(Change("section changed", f"{name}: {word_diff(old.text, new.text)}"))
        if (old.level or None) != (new.level or None):
            changes.append(Change("section level changed", f"{name}: {old.level or 'none'} -> {new.level or 'none'}"))
    return changes


def _person(person: dict[str, Any]) -> str:
    role = f" ({person['role']})" if person.get("role") else ""
    level = f" [{person['level']}]" if person.get("level") else ""
    return f"{person.get('name', '')}{role}{level}"


def _show(value: Any) -> str:
    """A detail for people: attendees as names and roles by side, never a mapping's repr."""
    if isinstance(value, dict) and set(value) <= {"ours", "theirs"}:
        sides = [f"{side}: {'; '.join(_person(p) for p in value.get(side) or []) or 'none'}" for side in ("ours", "theirs")]
        return ", ".join(sides)
    return "none" if value in (None, "") else str(value)


def _meta_changes(a: Brief, b: Brief, banner: Callable[[Brief], str] | None) -> list[Change]:
    old, new = a.meta.model_dump(mode="json"), b.meta.model_dump(mode="json")
    changes = []
    for key in dict.fromkeys([*old, *new]):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        kind = "marking changed" if key in ("marking", "scheme", "caveat") else "detail changed"
        if isinstance(before, str) and isinstance(after, str) and len(before.split()) > 3:
            changes.append(Change(kind, f"{key}: {word_diff(before, after)}"))
        else:
            changes.append(Change(kind, f"{key}: {_show(before)} -> {_show(after)}"))
    banner_a, banner_b = (banner(a), banner(b)) if banner else ("", "")
    if banner_a != banner_b:
        changes.append(Change("marking changed", f"banner: {banner_a} -> {banner_b}"))
    if a.template != b.template:
        changes.append(Change("template changed", f"{a.template} -> {b.template}"))
    return changes


def compare(a: Brief, b: Brief, banner: Callable[[Brief], str] | None = None) -> list[Change]:
    """What changed from ``a`` to ``b``: the clearance state, details (marking included), then sections, then items.

    ``banner`` gives a brief's banner level (see :func:`briefing.levels.portions.brief_banner`): with it, a change of
    banner is listed too.
    """
    return _state_changes(a, b) + _meta_changes(a, b, banner) + _section_changes(a, b) + _item_changes(a, b)


def _state_changes(a: Brief, b: Brief) -> list[Change]:
    """The clearance state, when it differs (a draft cleared, a cleared brief approved)."""
    before, after = state_of(a), state_of(b)
    return [Change("clearance changed", f"{before} -> {after}")] if before != after else []


def change_lines(changes: list[Change]) -> list[str]:
    """The changes, one line each, or one line saying there are none."""
    return [str(c) for c in changes] if changes else ["no differences"]


def format_changes(changes: list[Change]) -> str:
    """The changes one per line, or a line saying there are none."""
    return "\n".join(change_lines(changes))
