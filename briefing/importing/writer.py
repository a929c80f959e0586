"""Write a draft pack as YAML with ruamel.yaml, atomically (a failed write leaves any old file intact)."""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML

from ..atomic import atomic_write_bytes
from ..errors import SourceError


def dump(pack) -> str:
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(pack, out)
    return out.getvalue()


def write_pack(pack, path: str | Path) -> Path:
    path = Path(path)
    atomic_write_bytes(path, dump(pack).encode("utf-8"), error=SourceError)
    return path
