"""Custom item-data roles and MIME types, so views and drops never parse display text."""

from __future__ import annotations

from PySide6.QtCore import Qt

ItemIdRole = Qt.ItemDataRole.UserRole + 1  # library item id ("pack/item"); None for group rows
KindRole = Qt.ItemDataRole.UserRole + 2  # pillar | figure | quotation | event | project
NodeTypeRole = Qt.ItemDataRole.UserRole + 3  # library tree: pillar | group | item
StaleRole = Qt.ItemDataRole.UserRole + 4  # a figure older than the stale threshold
ItemRole = Qt.ItemDataRole.UserRole + 5  # the library Item object (also for unmatched pillar rows)
StatusRole = Qt.ItemDataRole.UserRole + 6  # brief entry: Status value ("ok", "missing from library", ...)
NoteRole = Qt.ItemDataRole.UserRole + 7  # brief entry: the officer's note

ITEM_IDS_MIME = "application/x-briefing-item-ids"  # UTF-8, one library item id per line
ENTRY_ROWS_MIME = "application/x-briefing-entry-rows"  # JSON list of rows in the brief being dragged
