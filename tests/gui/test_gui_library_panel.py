"""Searching the library as you type, the filters, and the detail view of an item."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.gui.roles import ItemIdRole, StaleRole
from tests.packs import generated_library

from .helpers import DIRECT, ORANGE, PROJECT, REPORTED


def shown_ids(panel) -> list[str]:
    model, ids = panel.model, []

    def walk(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(ItemIdRole):
                ids.append(index.data(ItemIdRole))
            walk(index)

    walk(panel.tree.rootIndex())
    return ids


def test_typing_filters_the_tree(qtbot, window):
    panel = window.library_panel
    everything = shown_ids(panel)
    qtbot.keyClicks(panel.search_box, "Orange Line")
    found = shown_ids(panel)
    assert ORANGE in found and PROJECT in found
    assert len(found) < len(everything)
    assert panel.count_label.text().startswith(f"{len(found)} of ")
    panel.search_box.clear()
    assert len(shown_ids(panel)) == len(everything)


def test_kind_pillar_and_speaker_filters(window):
    panel = window.library_panel
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("quotation"))
    quotes = shown_ids(panel)
    assert quotes and all(window.session.library.get(i).kind == "quotation" for i in quotes)
    panel.speaker_box.setCurrentIndex(panel.speaker_box.findText("Jiang Zaidong"))
    assert DIRECT in shown_ids(panel) and REPORTED not in shown_ids(panel)
    panel.kind_box.setCurrentIndex(0)
    panel.speaker_box.setCurrentIndex(0)
    panel.pillar_box.setCurrentIndex(panel.pillar_box.findData("cpec-action-plan-2025/people-centred"))
    people = shown_ids(panel)
    assert ORANGE in people and all(window.session.library.get(i).pillar == "cpec-action-plan-2025/people-centred" for i in people)


def test_detail_view_shows_text_source_paragraph_and_date(window):
    panel = window.library_panel
    panel.search_box.setText("Orange Line")
    index = panel.model.find(ORANGE)
    panel.tree.setCurrentIndex(index)
    text = panel.details.toPlainText()
    assert "over 250 million" in text
    assert "Jiang Zaidong" in text and "para. 7" in text and "Paragraph: 7" not in text  # the place once, in the citation
    assert "As of: September 2025" in text  # written for people, as in the documents
    [source] = [line for line in text.splitlines() if line.startswith("Source:")]
    assert source.endswith("New Era”, September 2025, para. 7")  # the source's date written for people too


def test_old_figures_are_marked_stale(window):
    panel = window.library_panel
    panel.search_box.setText("Orange Line")
    index = panel.model.find(ORANGE)
    assert index.data(StaleRole) is True  # as of 2025-09: 14 months before TODAY, over the default 12
    panel.tree.setCurrentIndex(index)
    assert "Stale figure" in panel.details.toPlainText()
    window.session.set_stale_months(24)
    index = panel.model.find(ORANGE)
    assert index.data(StaleRole) is False
    assert "Stale figure" not in panel.details.toPlainText()


def test_the_library_judges_staleness_on_the_briefs_date_as_the_brief_does(window):
    """A figure is stale or not for the meeting the brief is for: the tree, the details and the chosen list agree."""
    panel = window.library_panel
    panel.search_box.setText("Orange Line")
    panel.tree.setCurrentIndex(panel.model.find(ORANGE))
    window.session.add_items([ORANGE])
    chosen = window.brief_panel.items.model
    window.session.set_field("meta.date", "2025-10-01")  # a month after the figure's as-of date
    assert panel.model.find(ORANGE).data(StaleRole) is False
    assert "Stale figure" not in panel.details.toPlainText()
    assert chosen.index(0).data(StaleRole) is False
    window.session.set_field("meta.date", "2027-01-15")
    assert panel.model.find(ORANGE).data(StaleRole) is True
    assert "more than 12 months before the brief's date (15 January 2027)" in panel.details.toPlainText()
    assert "before the brief's date (15 January 2027)" in chosen.index(0).data(Qt.ItemDataRole.ToolTipRole)
    window.session.set_field("meta.date", "")  # no date: judged on today, as the documents do
    assert panel.model.find(ORANGE).data(StaleRole) is True
    assert "more than 12 months ago" in panel.details.toPlainText()
    group = panel.model.find(ORANGE).parent()
    panel.tree.collapse(group)
    window.session.set_field("meta.date", "2025-10-01")  # marked again in place: what the officer closed stays closed
    assert panel.model.find(ORANGE).data(StaleRole) is False
    assert not panel.tree.isExpanded(panel.model.find(ORANGE).parent())


def test_direct_and_reported_quotations_are_labelled(window):
    panel = window.library_panel
    panel.tree.setCurrentIndex(panel.model.find(DIRECT))
    assert "DIRECT QUOTATION (VERBATIM)" in panel.details.toPlainText()
    assert "cannot be edited" in panel.details.toPlainText()
    panel.tree.setCurrentIndex(panel.model.find(REPORTED))
    assert "REPORTED STATEMENT" in panel.details.toPlainText()
    assert "Reported statement" in panel.model.find(REPORTED).data(3)  # ToolTipRole


def test_a_large_library_opens_only_what_fits_and_finds_everything(qtbot, make_window, tmp_path, qtmodeltester):
    """3,000 generated items: the tree makes rows lazily, opens groups up to OPEN_ROWS rows, and the rest stay reachable."""
    import gc

    from briefing import collector
    from briefing.gui.library_panel import OPEN_ROWS

    library = generated_library(tmp_path / "big", 3000)
    collector.starting()  # as `briefing` starts the app
    window = make_window(content=[tmp_path / "big"])
    panel = window.library_panel
    assert len(panel.library) == len(library) > 3000
    tracked = {id(thing) for thing in gc.get_objects()}  # every tracked object but the frozen ones
    items = list(panel.library)
    assert gc.is_tracked(items[0].model) and id(items[0].model) not in tracked  # out of the passes that stalled typing
    assert id(items[-1].model) not in tracked
    assert gc.get_threshold() == collector.DEFAULT_THRESHOLDS  # start-up's rare collections are over

    def shown_rows() -> int:
        """Rows the view shows: top level plus the children of every open row."""
        model, count = panel.model, 0

        def walk(parent):
            nonlocal count
            for row in range(model.rowCount(parent)):
                count += 1
                index = model.index(row, 0, parent)
                if panel.tree.isExpanded(index):
                    walk(index)

        walk(panel.tree.rootIndex())
        return count

    assert shown_rows() <= OPEN_ROWS
    assert panel.tree.isExpanded(panel.model.index(0, 0))  # the first pillar is open
    panel.search_box.setText("railway")
    qtbot.waitUntil(lambda: "of" in panel.count_label.text())  # a large library searches after a typing pause
    expected = [item.id for item in panel.index.search(panel.query())]
    assert panel.count_label.text().startswith(f"{len(expected)} of ")
    assert shown_rows() <= OPEN_ROWS
    first_group = panel.model.index(0, 0, panel.model.index(0, 0))
    assert panel.tree.isExpanded(first_group)  # while searching, the first groups open too
    assert sorted(shown_ids(panel)) == sorted(expected)  # every hit has a row, open or not
    qtmodeltester.check(panel.model)
    target = expected[-1]
    assert panel.model.find(target).data(ItemIdRole) == target  # a row made on demand, deep in a closed group
