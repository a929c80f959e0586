"""Content authoring in the app: New Item (per kind), Edit, Duplicate, Delete and Duplicate to My Pack, saved by the core pack writer."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

from ..content import pack_writer
from ..content.copying import duplicate_to_pack
from ..content.folders import my_pack_file, why_read_only
from ..content.library import Item, Library
from ..content.model import KINDS, Pack
from ..content.pack_writer import Change, PackBusy, PackChanged, Saved, free_id
from ..content.present import KIND_LABELS, KIND_ORDER
from ..errors import BriefingError
from .item_details import pack_html
from .item_editor import ItemEditor
from .roles import ItemRole


class AuthoringWindow(Protocol):
    """What the authoring commands need of the main window (typed here: importing it would be a cycle)."""

    dialogs: Any
    settings: Any
    markings: Any
    session: Any
    library_panel: Any

    def reload_library(self) -> None: ...


class ContentActions(QObject):
    """The authoring commands on the library's current item. Each save goes through the core pack writer; the library then reloads."""

    saved = Signal(str)  # the full id of the item saved (or deleted)

    def __init__(self, window: AuthoringWindow, menu: QMenu):
        super().__init__(menu)
        self.window = window
        self.dialogs = window.dialogs
        self.panel = window.library_panel
        self._select: str | None = None
        self._build(menu)
        self.panel.pack_info = lambda item: pack_html(item.path, self.why_read_only(item))
        self.panel.tree.selectionModel().currentChanged.connect(self.update_actions)
        window.session.libraryChanged.connect(self._library_changed)
        self.update_actions()

    def _build(self, menu: QMenu) -> None:
        new_menu = menu.addMenu("&New Item")
        self.new_actions = {}
        for number, kind in enumerate(KIND_ORDER, 1):
            label = KIND_LABELS[kind]
            action = self._action(f"{label}\u2026", f"Ctrl+Alt+{number}", lambda k=kind: self.new_item(k), f"Add a new {label.lower()}")
            new_menu.addAction(action)
            self.new_actions[kind] = action
        self.edit_action = self._action("&Edit Item\u2026", "F2", self._on_current(self.edit_item), "Edit the selected library item")
        self.duplicate_action = self._action(
            "D&uplicate Item\u2026", "Ctrl+D", self._on_current(self.duplicate_item), "Copy the selected item in its pack"
        )
        self.delete_action = self._action("&Delete Item\u2026", "Shift+Del", self._on_current(self.delete_item), "Delete the selected item")
        self.to_mine_action = self._action(
            "Duplicate to &My Pack", "Ctrl+Shift+D", self._on_current(self.duplicate_to_my_pack), "Copy the item into your own pack"
        )
        menu.addActions([self.edit_action, self.duplicate_action, self.delete_action])
        menu.addSeparator()
        menu.addAction(self.to_mine_action)
        tree = self.panel.tree
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        tree.addActions([self.edit_action, self.duplicate_action, self.delete_action, self.to_mine_action])

    def _action(self, text: str, keys: str, slot, tip: str) -> QAction:
        """An action in the menu whose shortcut works while the library panel has the focus."""
        action = QAction(text, self.panel)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{tip} ({keys})")
        action.setStatusTip(tip)
        action.triggered.connect(lambda checked=False: slot())
        self.panel.addAction(action)
        return action

    def _on_current(self, command):
        return lambda: (item := self.current()) is not None and command(item)

    # -- state -----------------------------------------------------------------------------
    @property
    def library(self) -> Library:
        return self.window.session.library

    def current(self) -> Item | None:
        """The library item selected in the tree (a pillar row counts), or None."""
        index = self.panel.tree.currentIndex()
        return index.data(ItemRole) if index.isValid() else None

    def why_read_only(self, item: Item) -> str | None:
        """Why ``item``'s pack cannot be changed here, or None."""
        return why_read_only(item.path, self.window.settings.team_folders)

    def writable_packs(self) -> list[tuple[Pack, Path]]:
        """The loaded packs this officer may write, in library order."""
        files = self.library.files
        return [(pack, files[pid]) for pid, pack in self.library.packs.items() if self._writable(files[pid])]

    def _writable(self, path: Path) -> bool:
        return why_read_only(path, self.window.settings.team_folders) is None

    def update_actions(self, *_args) -> None:
        item = self.current()
        editable = item is not None and self.why_read_only(item) is None
        for action in (self.edit_action, self.duplicate_action, self.delete_action):
            action.setEnabled(editable)
        self.to_mine_action.setEnabled(item is not None)

    def _library_changed(self) -> None:
        """After a save the library reloads: select what was saved."""
        if self._select is not None:
            index = self.panel.model.find(self._select)
            if index.isValid():
                self.panel.tree.setCurrentIndex(index)
                self.panel.tree.scrollTo(index)
            self._select = None
        self.update_actions()

    # -- the commands ----------------------------------------------------------------------
    def new_item(self, kind: str) -> str | None:
        """Ask for a new item of ``kind`` in a writable pack (the current item's, if it is writable)."""
        target = self._target_pack()
        if target is None:
            return None
        pack, path = target
        values = self._edit(kind, pack, path, None, f"New {KIND_LABELS[kind].lower()}")
        if values is None:
            return None
        return self._save(path, pack, pack_writer.add_item(kind, values), f"{pack.pack}/{values['id']}")

    def edit_item(self, item: Item) -> str | None:
        if not self._may_change(item):
            return None
        pack = self.library.packs[item.pack]
        values = self._edit(item.kind, pack, item.path, _values(item), f"Edit {item.title}", exclude=item.model.id)
        if values is None:
            return None
        return self._save(item.path, pack, pack_writer.edit_item(item.kind, item.model.id, values), f"{item.pack}/{values['id']}")

    def duplicate_item(self, item: Item) -> str | None:
        """Open a copy of ``item`` in the editor, with a free id; it is saved just after the original."""
        if not self._may_change(item):
            return None
        pack = self.library.packs[item.pack]
        values = _values(item) | {"id": free_id(_ids(pack), item.model.id + "-copy")}
        values = self._edit(item.kind, pack, item.path, values, f"Duplicate {item.title}")
        if values is None:
            return None
        return self._save(item.path, pack, pack_writer.duplicate_item(item.kind, item.model.id, values), f"{item.pack}/{values['id']}")

    def delete_item(self, item: Item) -> str | None:
        if not self._may_change(item) or not self.dialogs.confirm_delete(self.window, item.title, item.path.name):
            return None
        return self._save(item.path, self.library.packs[item.pack], pack_writer.delete_item(item.kind, item.model.id), item.id)

    def duplicate_to_my_pack(self, item: Item) -> str | None:
        """Copy ``item`` (a bundled one, say) into the officer's own pack, with its source document and pillar."""
        try:
            saved, new_id = duplicate_to_pack(item, self.library, my_pack_file())
        except BriefingError as exc:
            self.dialogs.error(self.window, "Not copied", str(exc))
            return None
        self._saved(saved, new_id)
        return new_id

    # -- steps -----------------------------------------------------------------------------
    def _may_change(self, item: Item) -> bool:
        reason = self.why_read_only(item)
        if reason is not None:
            self.dialogs.information(self.window, "Read-only pack", f"{item.path.name} is {reason}.")
            return False
        return True

    def _target_pack(self) -> tuple[Pack, Path] | None:
        near = self.current()
        if near is not None and self.why_read_only(near) is None:
            return self.library.packs[near.pack], near.path
        packs = self.writable_packs()
        if not packs:
            return self._new_my_pack()
        if len(packs) == 1:
            return packs[0]
        choice = self.dialogs.choose_pack(self.window, [f"{pack.title} ({path.name})" for pack, path in packs])
        return packs[choice] if choice is not None else None

    def _new_my_pack(self) -> tuple[Pack, Path] | None:
        """Start the officer's own pack, for a first new item when no writable pack is loaded."""
        from ..content.packfile import read_pack

        path = my_pack_file()
        try:
            pack_writer.write_new_pack(path, "my-content", "My content")
        except BriefingError as exc:
            self.dialogs.error(self.window, "Cannot start your pack", str(exc))
            return None
        pack, _doc, _problems = read_pack(path)
        return (pack, path) if pack is not None else None

    def _edit(
        self, kind: str, pack: Pack, path: Path, values: dict[str, Any] | None, title: str, exclude: str = ""
    ) -> dict[str, Any] | None:
        markings = self.window.markings
        levels = markings.get().ids() if markings is not None else []
        taken = _ids(pack) - {exclude}
        editor = ItemEditor(kind, pack, path, values, taken_ids=taken, levels=levels, title=title, parent=self.window)
        accepted = self.dialogs.show_dialog(editor) == QDialog.DialogCode.Accepted
        values = editor.values() if accepted else None
        editor.deleteLater()
        return values

    def _save(self, path: Path, pack: Pack, change: Change, item_id: str) -> str | None:
        """Save one change; ask when the file changed on disk; say so clearly when the pack is busy."""
        expected = self.library.versions.get(pack.pack)
        while True:
            try:
                saved = pack_writer.save_change(path, change, expected=expected)
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
        self._saved(saved, item_id)
        return item_id

    def _saved(self, saved: Saved, item_id: str) -> None:
        """Note the file's new version (so a second edit before the reload is no conflict), then reload the library."""
        pack_id = item_id.split("/", 1)[0]
        self.library.versions[pack_id] = saved.digest
        self._select = item_id
        self.window.reload_library()
        self.saved.emit(item_id)


def _values(item: Item) -> dict[str, Any]:
    return item.model.model_dump(mode="json", exclude_none=True)


def _ids(pack: Pack) -> set[str]:
    return {model.id for plural in KINDS.values() for model in getattr(pack, plural)}
