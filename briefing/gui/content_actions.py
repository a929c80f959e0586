"""Content authoring in the app: New Item (per kind), Edit, Duplicate, Delete and Duplicate to My Pack, saved by the core pack writer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from ..content import pack_writer
from ..content.copying import duplicate_to_pack
from ..content.folders import TeamFolder, my_pack_file, why_read_only
from ..content.library import Item, Library
from ..content.model import Pack
from ..content.pack_writer import Change, PackBusy, PackChanged, free_id
from ..content.present import KIND_LABELS
from ..errors import BriefingError
from .dialogs import Dialogs
from .item_editor import ItemEditor


class ContentActions(QObject):
    """The authoring commands. Each save goes through :mod:`briefing.content.pack_writer`, then the library reloads."""

    saved = Signal(str)  # the full id of the item saved (or of the one deleted)

    def __init__(
        self,
        parent: QWidget,
        library: Callable[[], Library],
        reload: Callable[[], None],
        dialogs: Dialogs,
        team: Callable[[], Sequence[TeamFolder]],
        levels: Callable[[], Sequence[str]] = lambda: (),
    ):
        super().__init__(parent)
        self.window = parent
        self.library = library
        self.reload = reload
        self.dialogs = dialogs
        self.team = team
        self.levels = levels

    # -- what can be edited ------------------------------------------------------------------
    def why_read_only(self, item: Item) -> str | None:
        """Why ``item``'s pack cannot be changed here, or None."""
        return why_read_only(item.path, self.team())

    def writable_packs(self) -> list[tuple[Pack, Path]]:
        """The loaded packs this officer may write, in library order."""
        library = self.library()
        return [(pack, library.files[pid]) for pid, pack in library.packs.items() if why_read_only(library.files[pid], self.team()) is None]

    # -- the commands ------------------------------------------------------------------------
    def new_item(self, kind: str, near: Item | None = None) -> str | None:
        """Ask for a new item of ``kind`` in a writable pack (the one of ``near`` if it is writable)."""
        target = self._target_pack(near)
        if target is None:
            return None
        pack, path = target
        values = self._edit(kind, pack, path, None, f"New {KIND_LABELS.get(kind, kind).lower()}")
        if values is None:
            return None
        return self._save(path, pack, pack_writer.add_item(kind, values), f"{pack.pack}/{values['id']}")

    def edit_item(self, item: Item) -> str | None:
        if not self._may_change(item):
            return None
        pack = self.library().packs[item.pack]
        values = self._edit(item.kind, pack, item.path, self._values(item), f"Edit {item.title}", exclude=item.model.id)
        if values is None:
            return None
        return self._save(item.path, pack, pack_writer.edit_item(item.kind, item.model.id, values), f"{item.pack}/{values['id']}")

    def duplicate_item(self, item: Item) -> str | None:
        """Open a copy of ``item`` in the editor, with a free id; saved just after the original."""
        if not self._may_change(item):
            return None
        pack = self.library().packs[item.pack]
        values = self._values(item) | {"id": free_id(_ids(pack), item.model.id + "-copy")}
        values = self._edit(item.kind, pack, item.path, values, f"Duplicate {item.title}")
        if values is None:
            return None
        change = pack_writer.duplicate_item(item.kind, item.model.id, values)
        return self._save(item.path, pack, change, f"{item.pack}/{values['id']}")

    def delete_item(self, item: Item) -> str | None:
        if not self._may_change(item) or not self.dialogs.confirm_delete(self.window, item.title, item.path.name):
            return None
        pack = self.library().packs[item.pack]
        return self._save(item.path, pack, pack_writer.delete_item(item.kind, item.model.id), item.id)

    def duplicate_to_my_pack(self, item: Item) -> str | None:
        """Copy ``item`` (a bundled one, say) into the officer's own pack, with its source and pillar."""
        try:
            _saved, new_id = duplicate_to_pack(item, self.library(), my_pack_file())
        except BriefingError as exc:
            self.dialogs.error(self.window, "Not copied", str(exc))
            return None
        self.reload()
        self.saved.emit(new_id)
        return new_id

    # -- steps -------------------------------------------------------------------------------
    def _may_change(self, item: Item) -> bool:
        reason = self.why_read_only(item)
        if reason is not None:
            self.dialogs.information(self.window, "Read-only pack", f"{item.path.name} is {reason}.")
            return False
        return True

    def _target_pack(self, near: Item | None) -> tuple[Pack, Path] | None:
        packs = self.writable_packs()
        if near is not None and self.why_read_only(near) is None:
            return self.library().packs[near.pack], near.path
        if not packs:
            pack_writer.write_new_pack(my_pack_file(), "my-content", "My content")
            self.reload()
            packs = self.writable_packs()
        if len(packs) == 1:
            return packs[0]
        choice = self.dialogs.choose_pack(self.window, [f"{pack.title} ({path})" for pack, path in packs])
        return packs[choice] if choice is not None else None

    def _values(self, item: Item) -> dict[str, Any]:
        return item.model.model_dump(mode="json", exclude_none=True)

    def _edit(
        self, kind: str, pack: Pack, path: Path, values: dict[str, Any] | None, title: str, exclude: str = ""
    ) -> dict[str, Any] | None:
        taken = _ids(pack) - {exclude}
        editor = ItemEditor(kind, pack, path, values, taken_ids=taken, levels=self.levels(), title=title, parent=self.window)
        if self.dialogs.show_dialog(editor) != QDialog.DialogCode.Accepted:
            return None
        return editor.values()

    def _save(self, path: Path, pack: Pack, change: Change, item_id: str) -> str | None:
        """Save one change; ask when the file changed on disk; say so clearly when the pack is busy."""
        expected: str | None = self.library().versions.get(pack.pack)
        while True:
            try:
                pack_writer.save_change(path, change, expected=expected)
                break
            except PackChanged:
                if self.dialogs.ask_pack_changed(self.window, path.name) != "apply":
                    return None
                expected = None
            except PackBusy as exc:
                self.dialogs.error(self.window, "Pack is busy", str(exc))
                return None
            except BriefingError as exc:
                self.dialogs.error(self.window, "Not saved", str(exc))
                return None
        self.reload()
        self.saved.emit(item_id)
        return item_id


def _ids(pack: Pack) -> set[str]:
    from ..content.model import KINDS

    return {model.id for plural in KINDS.values() for model in getattr(pack, plural)}
