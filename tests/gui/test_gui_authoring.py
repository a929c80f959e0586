"""Writing content in the app: the item editor and the authoring commands over the core pack writer."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPlainTextEdit

from briefing import paths
from briefing.content.model import MODELS
from briefing.content.present import KIND_ORDER
from briefing.gui.item_editor import ItemEditor
from briefing.gui.item_form import CitationEditor, PickList
from briefing.gui.roles import StaleRole
from tests.packs import MINIMAL, write_pack

from .helpers import ORANGE, TODAY, FakeDialogs

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


KEYS = {"edit": Qt.Key.Key_F2, "duplicate": (Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)}


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a shortcut with the focus in the library tree, as the officer would."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.library_panel.tree.setFocus()
    qtbot.keyClick(window.library_panel.tree, key, modifier)


def select(window, item_id: str) -> None:
    panel = window.library_panel
    panel.search_box.clear()
    index = panel.model.find(item_id)
    assert index.isValid(), item_id
    panel.tree.setCurrentIndex(index)


def reloaded(qtbot, window, command):
    """Run an authoring command and wait for the library to reload after its save."""
    with qtbot.waitSignal(window.session.libraryChanged, timeout=10000):
        result = command()
    assert result is not None, (window.dialogs.errors, window.dialogs.warnings)
    return result


@pytest.fixture
def authoring_dialogs(qtbot):
    return AuthoringDialogs(qtbot)


@pytest.fixture
def mine(make_window, authoring_dialogs):
    """A window over the bundled library plus the officer's own pack."""
    path = write_pack(paths.user_content_dir(), "mine.yaml", pack="mine")
    return make_window(dialogs=authoring_dialogs), path


@pytest.mark.parametrize("kind", sorted(NEW))
def test_create_edit_duplicate_and_delete_an_item_of_each_kind(qtbot, mine, kind):
    window, _path = mine
    dialogs = window.dialogs
    select(window, "mine/trips")  # new items go in the current item's pack
    dialogs.fill = NEW[kind]
    new_id = f"mine/{NEW[kind]['id']}"
    with qtbot.waitSignal(window.session.libraryChanged, timeout=10000):
        press(
            qtbot,
            window,
            getattr(Qt.Key, f"Key_{KIND_ORDER.index(kind) + 1}"),
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        )
    item = window.session.library.get(new_id)
    assert item is not None and item.kind == kind and window.authoring.current().id == new_id
    field = next(name for name in ("summary", "text", "bio", "label") if name in NEW[kind])
    dialogs.fill = {field: "Changed in the editor."}
    with qtbot.waitSignal(window.session.libraryChanged, timeout=10000):
        press(qtbot, window, KEYS["edit"])
    assert getattr(window.session.library.get(new_id).model, field) == "Changed in the editor."
    dialogs.fill = {}
    with qtbot.waitSignal(window.session.libraryChanged, timeout=10000):
        press(qtbot, window, *KEYS["duplicate"])
    copy_id = f"{new_id}-copy"
    assert getattr(window.session.library.get(copy_id).model, field) == "Changed in the editor."
    select(window, new_id)
    with qtbot.waitSignal(window.session.libraryChanged, timeout=10000):
        press(qtbot, window, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert window.session.library.get(new_id) is None and window.session.library.get(copy_id) is not None
    assert dialogs.errors == [] and "confirm_delete" in dialogs.asked


def test_the_editor_offers_pick_lists_and_help_from_the_models(mine):
    window, _path = mine
    pack = window.session.library.packs["mine"]
    editor = ItemEditor("figure", pack, Path("mine.yaml"), levels=["RESTRICTED"])
    form = editor.form
    assert [form.editors["qualifier"].itemData(i) for i in range(form.editors["qualifier"].count())][:3] == ["exact", "over", "more than"]
    assert [form.editors["pillar"].itemData(i) for i in range(form.editors["pillar"].count())] == ["trust"]
    assert form.editors["source"].doc.itemData(0) == "main"
    assert "RESTRICTED" in [form.editors["level"].itemText(i) for i in range(form.editors["level"].count())]
    for name, info in MODELS["figure"].model_fields.items():
        assert form.editors[name].toolTip() == info.description and html.escape(info.description, quote=False) in form.helps[name].text()
    assert list(form.editors)[:3] == ["id", "label", "value"] and list(form.editors)[-4:] == ["tags", "lang", "level", "review"]
    assert not editor.save_button.isEnabled()  # nothing filled in yet
    editor.deleteLater()


def test_the_live_check_marks_the_field_with_content_checks_message(mine, qtbot):
    window, _path = mine
    editor = ItemEditor("quotation", window.session.library.packs["mine"], Path("mine.yaml"))
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


def test_a_comment_in_the_pack_file_survives_an_edit(qtbot, make_window, authoring_dialogs):
    text = "# Our desk pack: keep this comment\n" + MINIMAL.format(pack="mine").replace(
        "    unit: passenger trips\n", "    unit: passenger trips  # as counted\n"
    )
    path = write_pack(paths.user_content_dir(), "mine.yaml", text=text)
    window = make_window(dialogs=authoring_dialogs)
    authoring_dialogs.fill = {"label": "Journeys"}
    assert reloaded(qtbot, window, lambda: window.authoring.edit_item(window.session.library.get("mine/trips"))) == "mine/trips"
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# Our desk pack: keep this comment\n") and "unit: passenger trips  # as counted\n" in after
    assert "label: Journeys\n" in after


def test_a_pack_changed_on_disk_prompts_before_save(qtbot, mine):
    window, path = mine
    dialogs = window.dialogs
    path.write_text(path.read_text(encoding="utf-8").replace("Our summary.", "Their summary."), encoding="utf-8")
    theirs = path.read_bytes()
    dialogs.fill = {"label": "Mine"}
    assert window.authoring.edit_item(window.session.library.get("mine/trips")) is None
    assert dialogs.asked == ["ask_pack_changed"] and path.read_bytes() == theirs
    dialogs.answers["ask_pack_changed"] = "apply"
    reloaded(qtbot, window, lambda: window.authoring.edit_item(window.session.library.get("mine/trips")))
    library = window.session.library
    assert library.get("mine/trips").model.label == "Mine" and library.get("mine/trust").model.summary == "Their summary."


def test_a_busy_pack_is_said_clearly(mine, monkeypatch):
    window, path = mine
    from filelock import FileLock

    from briefing.content import pack_writer

    original = pack_writer.save_change
    monkeypatch.setattr(pack_writer, "save_change", lambda p, c, expected=None: original(p, c, expected=expected, timeout=0.1))
    with FileLock(str(path.with_name(f".{path.name}.lock"))):
        window.dialogs.fill = {"label": "Mine"}
        assert window.authoring.edit_item(window.session.library.get("mine/trips")) is None
    [(title, message)] = window.dialogs.errors
    assert title == "Pack is busy" and "pack is busy" in message


def test_items_in_the_open_brief_that_an_edit_changed_are_flagged(qtbot, mine):
    from briefing.brief.model import Status, status_of

    window, _path = mine
    window.session.add_items(["mine/trips", "mine/trust"])
    window.dialogs.fill = {"label": "Journeys"}
    reloaded(qtbot, window, lambda: window.authoring.edit_item(window.session.library.get("mine/trips")))
    statuses = [status_of(entry, window.session.library) for entry in window.session.brief.items]
    assert statuses == [Status.CHANGED, Status.OK]


def test_a_bundled_pack_cannot_be_changed_but_its_items_can_be_duplicated_to_my_pack(qtbot, make_window, authoring_dialogs):
    window = make_window(dialogs=authoring_dialogs)
    bundled = window.session.library.get(ORANGE)
    before = bundled.path.read_bytes()
    select(window, ORANGE)
    assert not window.authoring.edit_action.isEnabled() and window.authoring.to_mine_action.isEnabled()
    assert "Read-only: a bundled pack" in window.library_panel.details.toPlainText()
    assert f"Folder: {bundled.path.parent}" in window.library_panel.details.toPlainText()
    for command in (window.authoring.edit_item, window.authoring.duplicate_item, window.authoring.delete_item):
        assert command(bundled) is None
    assert bundled.path.read_bytes() == before and len(authoring_dialogs.warnings) == 3 and authoring_dialogs.shown == []
    with qtbot.waitSignal(window.session.libraryChanged, timeout=10000):
        press(qtbot, window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    copy = window.session.library.get("my-content/orange-line-passenger-trips")
    assert copy is not None and copy.model.display == bundled.model.display
    assert window.authoring.current().id == copy.id and window.authoring.edit_action.isEnabled()
    assert "Can be edited." in window.library_panel.details.toPlainText()
    assert window.session.library.get("my-content/people-centred") is not None  # its pillar came along


def test_new_item_without_a_writable_pack_starts_my_pack(qtbot, make_window, authoring_dialogs):
    window = make_window(dialogs=authoring_dialogs)
    authoring_dialogs.fill = NEW["line"]
    assert reloaded(qtbot, window, lambda: window.authoring.new_item("line")) == "my-content/new-line"
    assert (paths.user_content_dir() / "my-content.yaml").exists()


def test_a_team_folder_marked_writable_in_settings_can_be_edited(qtbot, tmp_path, make_window, authoring_dialogs):
    from briefing.content.folders import TeamFolder

    team = tmp_path / "team"
    write_pack(team, "team.yaml", pack="team")
    window = make_window(dialogs=authoring_dialogs)
    window.settings.team_folders = [TeamFolder(team, writable=False)]
    window.reload_library()
    qtbot.waitUntil(lambda: window.session.library.get("team/trips") is not None, timeout=10000)
    assert "marked writable" in window.authoring.why_read_only(window.session.library.get("team/trips"))
    window.settings.team_folders = [TeamFolder(team, writable=True)]
    assert window.authoring.why_read_only(window.session.library.get("team/trips")) is None


def test_settings_mark_a_team_folder_writable(qtbot, tmp_path):
    from briefing.content.folders import TeamFolder
    from briefing.gui.settings import Settings
    from briefing.gui.settings_dialog import SettingsDialog

    settings = Settings(tmp_path / "briefing.ini")
    settings.team_folders = [TeamFolder(tmp_path / "a", writable=True), TeamFolder(tmp_path / "b")]
    dialog = SettingsDialog(settings, None)
    qtbot.addWidget(dialog)
    rows = [dialog.folders.item(i) for i in range(dialog.folders.count())]
    assert [row.checkState() == Qt.CheckState.Checked for row in rows] == [True, False]
    rows[0].setCheckState(Qt.CheckState.Unchecked)
    rows[1].setCheckState(Qt.CheckState.Checked)
    dialog.apply()
    again = Settings(tmp_path / "briefing.ini")
    assert again.team_folders == [TeamFolder(tmp_path / "a"), TeamFolder(tmp_path / "b", writable=True)]
    assert again.content_folders == [tmp_path / "a", tmp_path / "b"]


def test_the_library_tree_holds_people_and_lines_without_a_pillar(qtmodeltester):
    from briefing.content.library import load_library
    from briefing.content.present import StaleRule
    from briefing.content.search import Query, SearchIndex
    from briefing.gui.library_model import LibraryTreeModel

    library = load_library(extra=[Path(__file__).resolve().parents[1] / "fixtures" / "content"])
    model = LibraryTreeModel()
    model.set_results(library, SearchIndex(library).search(Query(kind="line")), StaleRule(12, lambda: TODAY))
    qtmodeltester.check(model)
    titles = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert titles == ["Trade and investment", "No pillar"]
    stale = model.find("desk-lines/corridor-timing")
    assert stale.data(StaleRole) is True and model.find("desk-lines/balanced-trade").data(StaleRole) is False
