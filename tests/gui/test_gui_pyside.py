"""The installed PySide6 keeps Python's reference counts: a build that does not crashes the app after a while.

PySide6 6.12.0 on Python 3.11 drops a reference to True or False on every signal
emit and to None on every QModelIndex.data() that has no value; after a few
thousand of either (minutes of use) the interpreter aborts with "deallocating
None". pyproject.toml keeps 6.12 off Python 3.11; these tests catch a build
with the same fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt, Signal


class _Emitter(QObject):
    fired = Signal()


class _Empty(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_emitting_a_signal_keeps_the_booleans_reference_counts():
    emitter = _Emitter()
    emitter.fired.connect(lambda: None)
    before = sys.getrefcount(True) + sys.getrefcount(False)
    for _ in range(20):  # few: a faulty build must fail here, not abort the run
        emitter.fired.emit()
    assert sys.getrefcount(True) + sys.getrefcount(False) - before > -10  # the fault drops one per emit


def test_an_empty_model_value_keeps_nones_reference_count():
    model = _Empty()
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(20):  # few: a faulty build must fail here, not abort the run
        assert index.data(Qt.ItemDataRole.UserRole) is None
    assert sys.getrefcount(None) - before > -10  # the fault drops one per call
