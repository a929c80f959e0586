"""Fuzzing the readers: briefs and packs generated from the shipped JSON Schemas, and a mutation corpus.

Every input is fed in-process to ``content check``, ``content list``, ``new``
and ``build``. The only exception allowed out is the project's own
BriefingError (or argparse's exit 2 for a bad invocation); anything else fails
the test with its traceback. ``BRIEFING_FUZZ=long`` (see
``benchmarks/fuzz_long.py``) runs many more examples than the test suite's budget.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.internal.conjecture import utils as conjecture_utils

from briefing import paths
from briefing.cli import COMMANDS, build_parser
from briefing.errors import BriefingError

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = REPO / "assets" / "schemas"
SAMPLE_BRIEF = REPO / "assets" / "samples" / "sample.brief"
SEED_PACK = REPO / "content" / "cpec-action-plan-2025.yaml"

_QUICK = {"schema": 5, "mutation": 40, "build": 8}  # a few seconds in all: the test suite's budget
_LONG = {"schema": 400, "mutation": 2000, "build": 250}
_SUPPRESS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture]
for _name, _counts in (("quick", _QUICK), ("long", _LONG)):
    for _kind, _count in _counts.items():
        settings.register_profile(f"fuzz-{_name}-{_kind}", max_examples=_count, deadline=None, suppress_health_check=_SUPPRESS)


def profile(kind: str) -> settings:
    """The settings for one kind of fuzzing: the suite's quick budget, or the long run's."""
    return settings.get_profile(f"fuzz-{'long' if os.environ.get('BRIEFING_FUZZ') == 'long' else 'quick'}-{kind}")


# --------------------------------------------------------------------------- hypothesis-jsonschema


class _OldMany:
    """hypothesis-jsonschema 0.23.1 calls the ``more()``/``reject()`` API that Hypothesis's ``many`` had before 6.1xx."""

    def __init__(self, data, min_size: int, max_size: float, average_size: float):
        self.data, self.min_size, self.max_size = data, min_size, max_size
        self.p_continue = conjecture_utils._calc_p_continue(average_size - min_size, max_size - min_size)
        self.count = self.rejections = 0
        self.force_stop = False

    def more(self) -> bool:
        if self.min_size == self.max_size:
            go = self.count < self.min_size
        else:
            forced = False if self.force_stop or self.count >= self.max_size else True if self.count < self.min_size else None
            go = self.data.draw_boolean(self.p_continue, forced=forced)
        self.count += go
        return go

    def reject(self, why: str | None = None) -> None:
        self.count -= 1
        self.rejections += 1
        if self.rejections > max(3, 2 * self.count):
            if self.count < self.min_size:
                self.data.mark_invalid(why)
            self.force_stop = True


def from_schema(name: str) -> st.SearchStrategy:
    """Values valid against a shipped schema (``brief``, ``content-pack``), by hypothesis-jsonschema."""
    import hypothesis_jsonschema._from_schema as generator
    from hypothesis_jsonschema import from_schema as strategy

    if not hasattr(conjecture_utils.many, "more"):
        generator.cu = SimpleNamespace(**{**vars(conjecture_utils), "many": _OldMany})
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    schema.pop("$schema", None)  # 2020-12 is named, but the schemas use only what earlier drafts have too
    return strategy(_capped(schema))


def _capped(schema):
    """The schema with short lists and texts: the same shapes, generated within the budget."""
    if isinstance(schema, list):
        return [_capped(part) for part in schema]
    if not isinstance(schema, dict):
        return schema
    capped = {"anyOf" if key == "oneOf" else key: _capped(value) for key, value in schema.items()}  # the kinds are disjoint anyway
    if capped.get("type") == "array":
        capped["maxItems"] = min(capped.get("maxItems", 3), 3)
    if capped.get("type") == "string" and "pattern" not in capped:
        capped["maxLength"] = min(capped.get("maxLength", 30), 30)
    if capped.get("type") == "object" and capped.get("additionalProperties") is True:
        capped["maxProperties"] = len(capped.get("properties", {})) + 2
    return capped


# --------------------------------------------------------------------------- the mutation corpus


def _truncate(data: bytes, draw) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


def _flip(data: bytes, draw) -> bytes:
    at = draw(st.integers(0, len(data) - 1))
    return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]


def _insert(data: bytes, draw) -> bytes:
    at = draw(st.integers(0, len(data)))
    piece = draw(
        st.one_of(
            st.sampled_from([b"\x00", b"\x01", b"\x1b[31m", b"\x7f", b"\x85", b"\xc2\x85", "\u2028".encode(), "\ufffe".encode(), b"\r"]),
            st.integers(1, 3000).map(lambda n: b"[" * n),
            st.integers(1, 3000).map(lambda n: b'{"a": ' * n),
            st.integers(1, 3000).map(lambda n: b"- " * n),
            st.integers(90, 6000).map(lambda n: b"9" * n),
            st.sampled_from(
                [b"1e999", b"NaN", b"-Infinity", b".inf", b"&a ", b"*a", b"!!python/object:os.system ", b"\xff", b"\xed\xa0\x80"]
            ),
            st.binary(min_size=1, max_size=8),
        )
    )
    return data[:at] + piece + data[at:]


def _replace_number(data: bytes, draw) -> bytes:
    digits = [i for i in range(len(data)) if 48 <= data[i] <= 57]
    if not digits:
        return data
    at = draw(st.sampled_from(digits))
    return (
        data[:at] + draw(st.sampled_from([b"9" * 5000, b"-0.0", b"1e400", b"2025-02-31", b"2025-13-45", b"true", b'"x"'])) + data[at + 1 :]
    )


def _delete(data: bytes, draw) -> bytes:
    start = draw(st.integers(0, len(data)))
    return data[:start] + data[start + draw(st.integers(0, 200)) :]


MUTATIONS = [_truncate, _flip, _insert, _replace_number, _delete]


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """``original`` after one to three mutations from the corpus."""
    data = original
    for mutate in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        data = mutate(data, draw) if data else data
    return data


# --------------------------------------------------------------------------- running the commands in-process


def run(*args: str) -> int:
    """Run one command as the CLI does, without its last-resort handler: only a BriefingError may escape (it gives 1)."""
    try:
        parsed = build_parser().parse_args(list(args))
    except SystemExit as exc:
        assert exc.code == 2, exc.code
        return 2
    handler = COMMANDS[(parsed.command, getattr(parsed, "content_command", None))]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            return handler(parsed)
        except BriefingError:
            return 1


@contextlib.contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as name:
        yield Path(name)


@contextlib.contextmanager
def only_these_packs(content: Path) -> Iterator[None]:
    """The library holds ``content``'s packs only (the bundled seed pack would clash with its mutants)."""
    original = paths.content_dir
    paths.content_dir = lambda: content
    try:
        yield
    finally:
        paths.content_dir = original


def consistent(pack: dict) -> dict:
    """A generated pack made to pass the checks the schema cannot state: known pillars, unique ids, real dates, verbs."""
    pillars = pack.get("pillars") or []
    number = 0
    for plural in ("pillars", "figures", "quotations", "events", "projects"):
        for item in pack.get(plural) or []:
            number += 1
            item["id"] = f"{item['id'][:70]}-{number}"
            if plural != "pillars" and pillars:
                item["pillar"] = pillars[0]["id"]
            if plural == "quotations":
                item["verb"] = "said that"
            for key in ("date", "as_of", "end_date"):
                if item.get(key):
                    item[key] = "2025-09-15"
    if isinstance(pack.get("source"), dict):
        pack["source"]["date"] = "2025"
    return pack


def first_item(pack) -> str:
    """The full id of a generated pack's first item (or of the seed pack's first pillar)."""
    if isinstance(pack, dict):
        for plural in ("pillars", "figures", "quotations", "events", "projects"):
            for item in pack.get(plural) or []:
                return f"{pack.get('pack')}/{item.get('id')}"
    return "cpec-action-plan-2025/people-centred"


def pack_commands(content: Path, out: Path, *, build: bool, item: str = "cpec-action-plan-2025/people-centred") -> None:
    """content check, content list (text and JSON), new with ``item``, and build: all over the packs in ``content``."""
    with only_these_packs(content):
        run("content", "check")
        run("content", "list")
        run("content", "list", "--json", "--search", "the")
        run("new", "-t", "meeting-brief", "--item", item, "-o", str(out / "new.brief"), "--force")
        if build and (out / "new.brief").exists():
            run("build", str(out / "new.brief"), "-o", str(out / "new.pdf"))


def brief_commands(brief: Path, out: Path) -> None:
    run("build", str(brief), "-o", str(out / "out.pdf"))


def dump_pack(data) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
