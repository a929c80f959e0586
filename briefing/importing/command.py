"""``briefing import SOURCE``: write the draft pack, print it, or print the candidates as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import SourceError
from .draft import draft_pack
from .extract import import_file
from .writer import dump, write_pack


def run_import(source: Path, *, output: Path | None, pack_id: str | None, as_json: bool, ordinals: bool) -> int:
    if pack_id is not None and not _valid_id(pack_id):
        raise SourceError(f"--pack {pack_id!r} is not a valid pack id", hint="use lower-case letters, digits and hyphens")
    result = import_file(source, ordinals=ordinals)
    if as_json:
        json.dump(result.as_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    pack = draft_pack(result, pack_id, target=output)
    if output is None:
        sys.stdout.write(dump(pack))
        return 0
    write_pack(pack, output)
    counts = ", ".join(f"{len(result.of_kind(k))} {k}s" for k in ("pillar", "figure", "quotation", "event", "project"))
    print(f"{output}: draft pack with {counts}, all marked review: pending")
    return 0


def _valid_id(value: str) -> bool:
    import re

    return re.fullmatch(r"[a-z0-9][a-z0-9-]*", value) is not None and len(value) <= 80
