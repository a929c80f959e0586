"""Measurements inside the app, run offscreen in a child process by run.py. Prints one JSON line.

    python benchmarks/app_probe.py preview [--edits 12] [--layout first-run|resized|resized-fixed]
                                                          # edit -> new page on screen; GUI-thread heartbeat
    python benchmarks/app_probe.py start                  # launch -> first event-loop turn after show (the app)
    python benchmarks/app_probe.py start-usable           # launch -> panels built over the loaded library (MainWindow.ready)
    python benchmarks/app_probe.py start-bare             # the same for a bare PySide6 window
    python benchmarks/app_probe.py scale --content DIR    # big library: tree, scrolling, typing, peak memory

The app is used through its public classes only (MainWindow, its panels and
its BriefSession); nothing in it is patched. Questions the app would ask are
answered by an unattended Dialogs subclass.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _paths import ROOT, SAMPLE

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(ROOT))

HEARTBEAT_MS = 5
SETTLE_S = 0.3  # quiet time after the preview updates before its last repaint counts as final
TIMEOUT_S = 30.0
WINDOW = (1366, 768)  # the commonest laptop screen


def emit(result: dict) -> None:
    """The probe's one result line."""
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports KiB, macOS bytes)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


# --- Qt helpers ----------------------------------------------------------------------------------


def wait_until(predicate, timeout: float = TIMEOUT_S) -> bool:
    """Run the event loop until ``predicate()`` holds (True) or ``timeout`` passes (False).

    A local QEventLoop polled by a timer, which also works with PySide6 6.12.0 on
    Python 3.11, whose processEvents() in a loop aborts the interpreter (it loses
    references to None; see tests/gui/test_gui_pyside.py).
    """
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    if predicate():
        return True
    loop = QEventLoop()
    end = time.perf_counter() + timeout
    poll = QTimer()
    poll.setTimerType(Qt.TimerType.PreciseTimer)
    poll.setInterval(1)
    poll.timeout.connect(lambda: (predicate() or time.perf_counter() > end) and loop.quit())
    poll.start()
    loop.exec()
    poll.stop()
    return bool(predicate())


def spin(seconds: float) -> None:
    """Run the event loop for ``seconds``."""
    end = time.perf_counter() + seconds
    wait_until(lambda: time.perf_counter() >= end, seconds + 1)


class Heartbeat:
    """A QTimer ticking every few ms on the GUI thread; the longest gap between ticks is how long the thread was blocked."""

    def __init__(self, interval_ms: int = HEARTBEAT_MS):
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.max_gap = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now

    def reset(self) -> None:
        """Start a new measuring window."""
        self.last = time.perf_counter()
        self.max_gap = 0.0

    def gap(self) -> float:
        """The longest gap so far, counting the one still open."""
        return max(self.max_gap, time.perf_counter() - self.last)


def paint_recorder(widget):
    """An event filter recording the times of ``widget``'s paint events (kept alive by the caller)."""
    from PySide6.QtCore import QEvent, QObject

    class Recorder(QObject):
        def __init__(self):
            super().__init__()
            self.times: list[float] = []

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                self.times.append(time.perf_counter())
            return False

    recorder = Recorder()
    widget.installEventFilter(recorder)
    return recorder


def sample_copy() -> Path:
    """A copy of the sample brief in a temporary folder: opening a brief locks it (a lock file beside it),
    and the bundled sample's folder is not ours to write in."""
    import shutil
    import tempfile

    target = Path(tempfile.mkdtemp(prefix="briefing-probe-")) / SAMPLE.name
    shutil.copyfile(SAMPLE, target)
    return target


def open_window(content: list[Path] | None = None, default_layout: bool = True):
    """The app's main window at 1366x768, as run() makes it.

    With ``default_layout`` the panels get the app's own first-run proportions
    for that size; without, the window was resized afterwards (as by the user)
    and the splitter keeps its stretch-factor proportions.
    """
    from briefing.gui.app import application
    from briefing.gui.dialogs import UnattendedDialogs
    from briefing.gui.main_window import MainWindow

    app = application()
    window = MainWindow(content=content or [], dialogs=UnattendedDialogs())
    window.resize(*WINDOW)
    if default_layout:
        window.default_splitter_sizes()
    window.show()
    return app, window


# --- preview ---------------------------------------------------------------------------------------


class PreviewWatch:
    """Times of the preview's debounce firing, its PDF arriving on screen and the viewer's repaints."""

    def __init__(self, window):
        self.preview = window.preview
        self.fired: float | None = None
        self.updated: float | None = None
        self.failed: str | None = None
        self.paints = paint_recorder(self.preview.view.viewport())
        self.preview.timer.timeout.connect(self._fired)
        self.preview.updated.connect(self._updated)
        self.preview.failed.connect(self._failed)

    def _fired(self) -> None:
        self.fired = time.perf_counter()

    def _updated(self) -> None:
        self.updated = time.perf_counter()

    def _failed(self, message: str) -> None:
        self.failed = message

    def reset(self) -> None:
        self.fired = self.updated = self.failed = None
        self.paints.times.clear()

    def wait_shown(self) -> float:
        """Wait for the new PDF and for its repaints to settle; the time of the last repaint (or of the update)."""
        if not wait_until(lambda: self.updated is not None or self.failed is not None):
            raise TimeoutError("the preview did not update")
        if self.failed:
            raise RuntimeError(f"preview failed: {self.failed}")
        spin(SETTLE_S)
        after = [t for t in self.paints.times if t >= self.updated]
        return max(after) if after else self.updated


class FlipGuard:
    """Counts the preview's vertical scroll bar showing and hiding; past ``limit`` flips it breaks the loop.

    QPdfView in FitToWidth mode can oscillate: with the scroll bar the page fits,
    without it the page is too tall, so each layout shows or hides the bar and
    asks for another layout. The GUI thread then spins until something else
    changes. The guard stops that by turning the bar on for good (the fix we
    recommend) and records how long the thread was stuck.
    """

    def __init__(self, view, limit: int = 20_000):
        from PySide6.QtCore import QEvent, QObject, Qt

        self.view, self.limit, self.flips = view, limit, 0
        self.first_flip: float | None = None
        self.broken_at: float | None = None
        guard = self

        class Filter(QObject):
            def eventFilter(self, watched, event):
                if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
                    guard.flips += 1
                    if guard.first_flip is None:
                        guard.first_flip = time.perf_counter()
                    if guard.flips == guard.limit:
                        guard.broken_at = time.perf_counter()
                        guard.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
                return False

        self.filter = Filter()
        view.verticalScrollBar().installEventFilter(self.filter)


def edit_rows(window, watch: PreviewWatch, heartbeat: Heartbeat, edits: int) -> list[dict]:
    """Edit the title through the undo stack ``edits`` times; per edit, the times from edit to new page on screen."""
    rows = []
    for number in range(edits):
        spin(0.05)
        watch.reset()
        heartbeat.reset()
        edit_start = time.perf_counter()
        window.session.set_field("meta.title", f"Call on the Chinese Ambassador ({number})")  # a QUndoCommand on the stack
        edit_end = time.perf_counter()
        shown = watch.wait_shown()
        fired = watch.fired or edit_end
        rows.append({
            "edit_ms": (edit_end - edit_start) * 1000,
            "debounce_ms": (fired - edit_end) * 1000,
            "fire_to_update_ms": (watch.updated - fired) * 1000,
            "latency_ms": ((edit_end - edit_start) + shown - fired) * 1000,  # the debounce wait left out
            "max_gui_gap_ms": heartbeat.gap() * 1000,
        })  # fmt: skip
    return rows


def preview_run(edits: int, default_layout: bool = True, fixed: bool = False) -> dict:
    """Open the sample in the app, then time ``edits`` title edits to their new page on screen."""
    import statistics

    from PySide6.QtCore import Qt

    start = time.perf_counter()
    _app, window = open_window(default_layout=default_layout)
    if fixed:
        window.preview.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    guard = FlipGuard(window.preview.view)
    watch = PreviewWatch(window)
    window.files.open_file(sample_copy())
    first_shown = watch.wait_shown()
    heartbeat = Heartbeat()
    rows = edit_rows(window, watch, heartbeat, edits)
    latencies = [r["latency_ms"] for r in rows]
    gaps = [r["max_gui_gap_ms"] for r in rows]
    result = {
        "layout": "first-run" if default_layout else "resized" + (" + scroll bar always on" if fixed else ""),
        "viewport": list(window.preview.view.viewport().size().toTuple()),
        "open_to_first_page_s": first_shown - start,
        "pages": window.preview.result.pages if window.preview.result else None,
        "latency_median_ms": statistics.median(latencies),
        "latency_max_ms": max(latencies),
        "update_median_ms": statistics.median(r["fire_to_update_ms"] for r in rows),
        "max_gui_gap_ms": max(gaps),
        "median_gui_gap_ms": statistics.median(gaps),
        "debounce_ms": statistics.median(r["debounce_ms"] for r in rows),
        "scrollbar_flips": guard.flips,
        "oscillation_broken_by_probe": guard.broken_at is not None,
        "oscillation_ms": (guard.broken_at - guard.first_flip) * 1000 if guard.broken_at and guard.first_flip else 0.0,
        "edits": rows,
    }
    window.session.stack.setClean()
    window.close()
    return result


LAYOUTS = {"first-run": (True, False), "resized": (False, False), "resized-fixed": (False, True)}


def measure_preview(edits: int, layout: str) -> dict:
    """One layout per process (the app saves its window state on close, which would carry over)."""
    default_layout, fixed = LAYOUTS[layout]
    return preview_run(edits, default_layout=default_layout, fixed=fixed)


# --- start -----------------------------------------------------------------------------------------


def report_ready_and_exit(extra: dict | None = None) -> None:
    """The first turn of the event loop: report the time and leave at once (teardown is not measured)."""
    emit({"ready": time.monotonic(), **(extra or {})})
    os._exit(0)


def start_app() -> None:
    """Launch the app the way ``briefing`` does (briefing.gui.app.run) and report its first event-loop turn."""
    from PySide6.QtCore import QTimer

    from briefing.gui.app import application, run

    application()
    QTimer.singleShot(0, report_ready_and_exit)  # fires on the first event-loop turn, after show() and the library load
    run()


def start_usable() -> None:
    """Launch the app as ``start`` does, and report when its panels are built over the loaded library."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from briefing.gui.app import application, run

    application()
    poll = QTimer()
    poll.timeout.connect(lambda: any(getattr(w, "ready", False) for w in QApplication.topLevelWidgets()) and report_ready_and_exit())
    poll.start(2)
    run()


def start_bare() -> None:
    """A bare PySide6 window that does nothing: the baseline for app start."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()
    QTimer.singleShot(0, report_ready_and_exit)
    app.exec()


# --- scale ------------------------------------------------------------------------------------------


def frame_times(step, count: int) -> list[float]:
    """Call ``step(i)`` ``count`` times; each call's duration in ms."""
    times = []
    for index in range(count):
        start = time.perf_counter()
        step(index)
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(values: list[float]) -> dict:
    import statistics

    return {"median_ms": statistics.median(values), "max_ms": max(values), "n": len(values)}


def scroll_tree(tree, frames: int) -> list[float]:
    """Page down through the tree, repainting the viewport synchronously each time (one frame each)."""
    bar = tree.verticalScrollBar()
    step = max(1, bar.pageStep())

    def frame(index: int) -> None:
        bar.setValue((index * step) % max(1, bar.maximum() + 1))
        tree.viewport().repaint()

    return frame_times(frame, frames)


def type_in_search(panel, word: str) -> dict:
    """Type ``word`` into the library's search box letter by letter.

    Per keystroke: the time the key itself takes (setText and its slots) and the
    time of the search that refills the tree (at once in a small library; in a
    large one the panel waits for a pause in typing, and that search is what
    the GUI thread then spends — it is run here directly, as the timer would).
    """
    panel.search_box.clear()
    panel.search()
    keys, refills = [], []
    for index in range(len(word)):
        start = time.perf_counter()
        panel.search_box.setText(word[: index + 1])
        typed = time.perf_counter()
        timer = getattr(panel, "typing_timer", None)
        if timer is not None and timer.isActive():
            panel.search()
        panel.tree.viewport().repaint()
        keys.append((typed - start) * 1000)
        refills.append((time.perf_counter() - start) * 1000)
    results = panel.model.result_count
    panel.search_box.clear()
    panel.search()
    return {"keystroke": summary(keys), "search_and_refill": summary(refills), "results_for_word": results}


def measure_scale(content: Path, word: str, frames: int) -> dict:
    """Open the app on a big library: window build time, tree fill, expand-all, scrolling, typing, peak memory."""
    start = time.perf_counter()
    _app, window = open_window([content])
    built = time.perf_counter() - start
    spin(0.2)
    panel = window.library_panel
    items = len(window.session.library)
    fill = frame_times(lambda _: panel.search(), 3)
    expand_start = time.perf_counter()
    panel.tree.expandAll()
    panel.tree.viewport().repaint()
    expand_all = time.perf_counter() - expand_start
    scroll = scroll_tree(panel.tree, frames)
    typing = type_in_search(panel, word)
    spin(0.1)
    window.files.open_file(sample_copy())
    wait_until(lambda: window.preview.result is not None)
    result = {
        "items": items,
        "window_build_s": built,
        "tree_fill": summary(fill),
        "expand_all_s": expand_all,
        "scroll_frame": summary(scroll),
        "typing": typing,
        "typed": word,
        "peak_rss_mb": peak_rss_mb(),
    }
    window.close()
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv in (["start"], ["start-usable"], ["start-bare"]):  # no argparse: the start probes import only what they measure
        {"start": start_app, "start-usable": start_usable, "start-bare": start_bare}[argv[0]]()
        return 0
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    preview = sub.add_parser("preview")
    preview.add_argument("--edits", type=int, default=12)
    preview.add_argument("--layout", choices=sorted(LAYOUTS), default="first-run")
    scale = sub.add_parser("scale")
    scale.add_argument("--content", type=Path, required=True)
    scale.add_argument("--word", default="railway")
    scale.add_argument("--frames", type=int, default=60)
    args = parser.parse_args(argv)
    if args.mode == "preview":
        emit(measure_preview(args.edits, args.layout))
    else:
        emit(measure_scale(args.content, args.word, args.frames))
    return 0


if __name__ == "__main__":
    sys.exit(main())
