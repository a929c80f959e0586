"""Writing content in the app: the item editor and the authoring commands over the core pack writer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QWidget

from briefing import paths
from briefing.content.library import load_library
from briefing.gui.content_actions import ContentActions
from briefing.gui.item_editor import ItemEditor
from briefing.gui.item_form import CitationEditor, PickList
from tests.packs import MINIMAL, write_pack

from .helpers import FakeDialogs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "content"

NEW = {
    "pillar": {
        "id": "new-pillar",
        "title": "New pillar",
        "summary": "Our summary.",
        "key_messages": "First.\nSecond.",
        "source": ("paragraph", "4"),
    },
    "figure": {
        "id": "new-figure",
        "label": "Schools",
        "value": "766",
        "display": "766",
        "unit": "schools",
        "pillar": "trust",
        "source": ("page", "3"),
    },
    "quotation": {
        "id": "new-quote",
        "speaker": "A. Speaker",
        "role": "Minister",
        "kind": "direct",
        "text": "Exactly these words.",
        "occasion": "Press conference",
        "pillar": "trust",
        "source": ("paragraph", "2"),
    },
    "event": {
        "id": "new-event",
        "kind": "visit",
        "title": "A visit",
        "summary": "It happened.",
        "pillar": "trust",
        "source": ("section", "Annex 2"),
    },
    "project": {
        "id": "new-project",
        "name": "A project",
        "summary": "Planned.",
        "status": "planned",
        "pillar": "trust",
        "source": ("table", "Table 1"),
    },
    "person": {"id": "new-person", "name": "A. Speaker", "title": "H.E.", "role": "Minister", "bio": "Since 2024."},
    "line": {"id": "new-line", "kind": "if-asked", "question": "Yes or no?", "text": "We will see."},
}


class AuthoringDialogs(FakeDialogs):
    """Fake dialogs that fill the item editor as a person would, by typing, then press Save."""

    def __init__(self, qtbot):
        super().__init__()
        self.qtbot = qtbot
        self.fill: dict[str, object] = {}
        self.answers.update(ask_pack_changed="cancel", confirm_delete=True, choose_pack=0)
        self.editors: list[ItemEditor] = []

    def show_dialog(self, dialog):
        self.shown.append(dialog)
        if not isinstance(dialog, ItemEditor):
            return super().show_dialog(dialog)
        self.editors.append(dialog)
        for name, value in self.fill.items():
            type_into(self.qtbot, dialog.form.editors[name], value)
        dialog.check()
        if not dialog.save_button.isEnabled():
            return QDialog.DialogCode.Rejected
        self.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    def ask_pack_changed(self, parent, name):
        self.asked.append("ask_pack_changed")
        return self.answers["ask_pack_changed"]

    def confirm_delete(self, parent, title, pack_name):
        self.asked.append("confirm_delete")
        return bool(self.answers["confirm_delete"])

    def choose_pack(self, parent, packs):
        self.asked.append("choose_pack")
        return self.answers["choose_pack"]


def type_into(qtbot, editor, value) -> None:
    """Put ``value`` in a field the way the keyboard would."""
    if isinstance(editor, CitationEditor):
        kind, place = value
        editor.place_kind.set_value(kind)
        editor.place.clear()
        qtbot.keyClicks(editor.place, place)
    elif isinstance(editor, PickList):
        index = editor.findData(value)
        assert index >= 0, (value, [editor.itemData(i) for i in range(editor.count())])
        editor.setCurrentIndex(index)
    elif isinstance(editor, QPlainTextEdit):
        editor.clear()
        editor.insertPlainText(str(value))
    else:
        editor.clear()
        qtbot.keyClicks(editor, str(value))


class Harness:
    """The authoring commands on their own: a parent widget, the library they reload, and the dialogs."""

    def __init__(self, qtbot, folders):
        self.parent = QWidget()
        qtbot.addWidget(self.parent)
        self.folders = folders
        self.dialogs = AuthoringDialogs(qtbot)
        self.library = load_library(extra=folders)
        self.actions = ContentActions(self.parent, lambda: self.library, self.reload, self.dialogs, lambda: [], lambda: ["RESTRICTED"])

    def reload(self) -> None:
        self.library = load_library(extra=self.folders)
        assert self.library.problems == [], [str(p) for p in self.library.problems]


@pytest.fixture
def mine(qtbot):
    path = write_pack(paths.user_content_dir(), "mine.yaml", pack="mine")
    return Harness(qtbot, []), path


@pytest.mark.parametrize("kind", sorted(NEW))
def test_create_edit_duplicate_and_delete_an_item_of_each_kind(mine, kind):
    harness, _path = mine
    harness.dialogs.fill = NEW[kind]
    new_id = f"mine/{NEW[kind]['id']}"
    assert harness.actions.new_item(kind) == new_id
    item = harness.library.get(new_id)
    assert item is not None and item.kind == kind
    field = next(name for name in ("summary", "text", "bio", "label") if name in NEW[kind])
    harness.dialogs.fill = {field: "Changed in the editor."}
    assert harness.actions.edit_item(item) == new_id
    assert getattr(harness.library.get(new_id).model, field) == "Changed in the editor."
    harness.dialogs.fill = {}
    copy_id = harness.actions.duplicate_item(harness.library.get(new_id))
    assert copy_id == f"{new_id}-copy" and getattr(harness.library.get(copy_id).model, field) == "Changed in the editor."
    assert harness.actions.delete_item(harness.library.get(new_id)) == new_id
    assert harness.library.get(new_id) is None and harness.library.get(copy_id) is not None
    assert harness.dialogs.errors == []


def test_the_editor_offers_pick_lists_and_help_from_the_models(mine):
    harness, _path = mine
    pack = harness.library.packs["mine"]
    editor = ItemEditor("figure", pack, Path("mine.yaml"), levels=["RESTRICTED"])
    form = editor.form
    assert [form.editors["qualifier"].itemData(i) for i in range(form.editors["qualifier"].count())][:3] == ["exact", "over", "more than"]
    assert [form.editors["pillar"].itemData(i) for i in range(form.editors["pillar"].count())] == ["trust"]
    assert form.editors["source"].doc.itemData(0) == "main"
    assert "RESTRICTED" in [form.editors["level"].itemText(i) for i in range(form.editors["level"].count())]
    assert form.editors["display"].toolTip() == "The value as the source words it, e.g. 'over 250 million'"
    assert not editor.save_button.isEnabled()  # nothing filled in yet
    editor.deleteLater()


def test_the_live_check_marks_the_field_with_content_checks_message(mine, qtbot):
    harness, _path = mine
    pack = harness.library.packs["mine"]
    editor = ItemEditor("quotation", pack, Path("mine.yaml"))
    qtbot.addWidget(editor)
    for name, value in NEW["quotation"].items():
        type_into(qtbot, editor.form.editors[name], value)
    type_into(qtbot, editor.form.editors["kind"], "reported")
    editor.check()
    assert not editor.save_button.isEnabled()
    assert "a reported statement needs its reporting verb" in editor.form.helps["verb"].text()
    type_into(qtbot, editor.form.editors["verb"], "said that")
    editor.form.editors["speaker"].clear()
    editor.check()
    assert "missing required field 'speaker'" in editor.form.helps["speaker"].text() and not editor.save_button.isEnabled()


def test_a_comment_in_the_pack_file_survives_an_edit(qtbot):
    text = "# Our desk pack: keep this comment\n" + MINIMAL.format(pack="mine").replace(
        "    unit: passenger trips\n", "    unit: passenger trips  # as counted\n"
    )
    path = write_pack(paths.user_content_dir(), "mine.yaml", text=text)
    harness = Harness(qtbot, [])
    harness.dialogs.fill = {"label": "Journeys"}
    assert harness.actions.edit_item(harness.library.get("mine/trips")) == "mine/trips"
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# Our desk pack: keep this comment\n") and "unit: passenger trips  # as counted\n" in after
    assert "label: Journeys\n" in after


def test_a_pack_changed_on_disk_prompts_before_save(mine):
    harness, path = mine
    path.write_text(path.read_text(encoding="utf-8").replace("Our summary.", "Their summary."), encoding="utf-8")
    theirs = path.read_bytes()
    harness.dialogs.fill = {"label": "Mine"}
    assert harness.actions.edit_item(harness.library.get("mine/trips")) is None
    assert harness.dialogs.asked == ["ask_pack_changed"] and path.read_bytes() == theirs
    harness.dialogs.answers["ask_pack_changed"] = "apply"
    assert harness.actions.edit_item(harness.library.get("mine/trips")) == "mine/trips"
    assert harness.library.get("mine/trips").model.label == "Mine" and harness.library.get("mine/trust").model.summary == "Their summary."


def test_a_busy_pack_is_said_clearly(mine, monkeypatch):
    harness, path = mine
    from briefing.content import pack_writer

    monkeypatch.setattr(pack_writer, "LOCK_TIMEOUT", 0.1)
    from filelock import FileLock

    holder = FileLock(str(path.with_name(f".{path.name}.lock")))
    with holder:
        harness.dialogs.fill = {"label": "Mine"}
        monkeypatch.setattr(
            pack_writer,
            "save_change",
            lambda p, c, expected=None, _orig=pack_writer.save_change: _orig(p, c, expected=expected, timeout=0.1),
        )
        assert harness.actions.edit_item(harness.library.get("mine/trips")) is None
    [(title, message)] = harness.dialogs.errors
    assert title == "Pack is busy" and "pack is busy" in message


def test_a_bundled_pack_cannot_be_changed_but_its_items_can_be_duplicated_to_my_pack(qtbot):
    harness = Harness(qtbot, [])
    bundled = harness.library.get("cpec-action-plan-2025/orange-line-passenger-trips")
    before = bundled.path.read_bytes()
    assert "bundled" in harness.actions.why_read_only(bundled)
    for command in (harness.actions.edit_item, harness.actions.duplicate_item, harness.actions.delete_item):
        assert command(bundled) is None
    assert bundled.path.read_bytes() == before and len(harness.dialogs.warnings) == 3 and harness.dialogs.shown == []
    new_id = harness.actions.duplicate_to_my_pack(bundled)
    assert new_id == "my-content/orange-line-passenger-trips"
    copy = harness.library.get(new_id)
    assert harness.actions.why_read_only(copy) is None and copy.model.display == bundled.model.display
    assert harness.library.get("my-content/people-centred") is not None  # its pillar came along


def test_new_item_without_a_writable_pack_makes_my_pack(qtbot):
    harness = Harness(qtbot, [FIXTURES])
    harness.dialogs.fill = NEW["line"]
    assert harness.actions.new_item("line") == "my-content/new-line"
    assert (paths.user_content_dir() / "my-content.yaml").exists()
