"""Which content folders may be written: the user's own folder and team folders marked writable; bundled content never."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import paths


@dataclass(frozen=True)
class TeamFolder:
    """A shared content folder from Settings, and whether the officer may write packs in it."""

    path: Path
    writable: bool = False


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def writable_folders(team: Iterable[TeamFolder] = ()) -> list[Path]:
    """The folders packs may be written in: the user's own content folder, then team folders marked writable."""
    return [paths.user_content_dir(), *(folder.path for folder in team if folder.writable)]


def why_read_only(pack_file: Path, team: Iterable[TeamFolder] = ()) -> str | None:
    """Why a pack cannot be edited, in words for the officer; None when it can."""
    folder = pack_file.parent
    if _same(folder, paths.content_dir()):
        return "a bundled pack: it cannot be changed (duplicate its items to your own pack)"
    if any(_same(folder, allowed) for allowed in writable_folders(team)):
        if not os.access(pack_file, os.W_OK) or not os.access(folder, os.W_OK):
            return "the file or its folder is read-only on disk"
        return None
    return "not in your content folder or a team folder marked writable in Settings"


def my_pack_file() -> Path:
    """The pack that "Duplicate to my pack" writes to, in the user's own content folder."""
    return paths.user_content_dir() / "my-content.yaml"
