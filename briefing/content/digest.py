"""What a pack file holds, as a short hash: taken when it is loaded, compared before it is written."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def digest(path: Path) -> str:
    """The digest of the file now; empty when it cannot be read."""
    try:
        return digest_of(path.read_bytes())
    except OSError:
        return ""
