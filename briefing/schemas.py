"""JSON Schemas for the file formats, generated from the pydantic models that define them.

``python -m briefing.schemas`` rewrites ``assets/schemas/``; a test fails when
the shipped files are out of date. Editors (VS Code's YAML extension) use them
to check and complete packs as they are typed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from . import paths
from .brief.model import Brief
from .brief.snapshots import snapshot_schema
from .content.model import PackFile
from .style import HouseStyle, MarkingSchemes

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "content-pack.schema.json": (PackFile, "Briefing content pack (format 2, or format 1)"),
    "brief.schema.json": (Brief, "Briefing brief file (.brief)"),
    "house-style.schema.json": (HouseStyle, "Briefing house style"),
    "markings.schema.json": (MarkingSchemes, "Briefing classification marking schemes"),
}


def schema_text(model: type[BaseModel], title: str) -> str:
    """The schema of ``model`` as stable, pretty JSON text."""
    schema = model.model_json_schema(mode="validation")
    if model is Brief:  # a brief stores snapshots as plain objects; their schema is each item kind's own
        schema["$defs"]["Entry"]["properties"]["snapshot"] = snapshot_schema(schema["$defs"])
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **{k: v for k, v in schema.items() if k != "title"},
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every schema file; returns their paths."""
    folder = folder or paths.asset("schemas")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (model, title) in SCHEMAS.items():
        target = folder / name
        target.write_text(schema_text(model, title), encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(path)
