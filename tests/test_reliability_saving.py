"""Saving never loses work: kill -9 mid-save, write errors, read-only folders, locked targets, full disks."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from briefing.atomic import atomic_open
from briefing.brief.model import Brief
from briefing.brief.store import load_brief, save_brief
from briefing.errors import BriefError, ExportError

SAVER = """
import sys
from briefing.brief.model import Brief, Entry
from briefing.brief.store import save_brief
path = sys.argv[1]
big = "x" * 2000
SNAPSHOT = {"item_kind": "figure", "id": "i", "pack": "p", "value": 1, "display": "one", "unit": "u", "pillar": "q",
            "source": {"paragraph": 1}, "origin": {"title": "T", "author": "A", "date": "2025", "kind": "article"}}
versions = []
for title in ("A", "B"):
    brief = Brief()
    brief.meta.title = title
    brief.items = [Entry(ref=f"p/i{i}", note=big, snapshot=SNAPSHOT | {"label": title * 50}) for i in range(300)]
    versions.append(brief)
print("ready", flush=True)
n = 0
while True:
    save_brief(versions[n % 2], path)
    n += 1
"""


@pytest.mark.slow
def test_kill_9_during_save_never_corrupts(tmp_path):
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("needs POSIX signals")
    path = tmp_path / "loop.brief"
    seed = Brief()
    seed.meta.title = "A"
    save_brief(seed, path)
    rng = random.Random(7)
    titles = set()
    for _ in range(25):
        child = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.4))  # a save also records the version in the brief's history: allow for it
        child.send_signal(signal.SIGKILL)
        child.wait()
        brief = load_brief(path)  # always loads: the old or the new version, never a torn one
        assert brief.meta.title in ("A", "B")
        titles.add(brief.meta.title)
    assert titles == {"A", "B"}


def _write_then_fail(path, exc):
    with atomic_open(path) as handle:
        handle.write(b"partial")
        raise exc


def test_error_in_the_middle_of_a_write(tmp_path):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        _write_then_fail(target, RuntimeError("writer crashed"))
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_full_disk(tmp_path, monkeypatch):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ExportError, match="No space left"):
        _write_then_fail(target, OSError(errno.ENOSPC, "No space left on device"))
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_read_only_folder(tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    # root ignores folder permissions, so the refusal is simulated where the OS would make it
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(BriefError, match="cannot write to .*Permission denied.*choose a folder you can write to"):
        save_brief(Brief(), tmp_path / "x.brief")
    assert list(tmp_path.iterdir()) == []


def test_target_open_or_locked(tmp_path, monkeypatch):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    real_replace = os.replace

    def locked(src, dst):
        if str(dst) == str(target):
            raise PermissionError(errno.EACCES, "The process cannot access the file because it is being used by another process")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="close the file if another program has it open"), atomic_open(target) as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]


def test_permissions_of_the_target_are_kept(tmp_path):
    target = tmp_path / "secret.brief"
    save_brief(Brief(), target)
    os.chmod(target, 0o600)
    save_brief(Brief(), target)
    assert (target.stat().st_mode & 0o777) == 0o600
