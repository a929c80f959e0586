"""The one place that knows where things are.

Bundled resources (``templates/``, ``assets/``, ``content/``) are found from a
source checkout, an installed wheel (where they live in ``briefing/_resources``)
and a frozen bundle (PyInstaller's ``sys._MEIPASS``) alike. User folders come
from the platform's standard locations via platformdirs, and can be redirected
for tests with the ``BRIEFING_HOME`` environment variable.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

APP_NAME = "Briefing"
APP_AUTHOR = "Briefing"
RESOURCE_DIRS = ("templates", "assets", "content")


def frozen_root() -> Path | None:
    """The bundle's own folder (PyInstaller's ``sys._MEIPASS``) when running frozen, else None."""
    frozen = getattr(sys, "_MEIPASS", None) if getattr(sys, "frozen", False) else None
    return Path(frozen) if frozen else None


@lru_cache(maxsize=1)
def resource_root() -> Path:
    """The folder that holds ``templates/``, ``assets/`` and ``content/``.

    A frozen bundle looks only inside itself (``packaging/briefing.spec`` puts
    them in ``briefing/_resources``), never in a checkout it happens to run beside.
    """
    frozen = frozen_root()
    if frozen:
        candidates = [frozen / "briefing" / "_resources"]
    else:
        package = Path(__file__).resolve().parent
        candidates = [package / "_resources", package.parent]
    for candidate in candidates:
        if all((candidate / name).is_dir() for name in RESOURCE_DIRS):
            return candidate
    raise RuntimeError(f"Briefing's bundled templates, assets and content are missing from {candidates[0]}; reinstall Briefing")


def templates_dir() -> Path:
    return resource_root() / "templates"


def assets_dir() -> Path:
    return resource_root() / "assets"


def content_dir() -> Path:
    """The bundled content packs."""
    return resource_root() / "content"


def asset(relative: str) -> Path:
    """A file under ``assets/``."""
    return assets_dir() / relative


def reference_docx() -> Path:
    """The reference .docx for Word styles: the officer's own (``<user data>/reference.docx``) if present."""
    own = user_data_dir() / "reference.docx"
    return own if own.is_file() else asset("reference.docx")


def samples_dir() -> Path:
    """Sample briefs shipped with Briefing."""
    return assets_dir() / "samples"


def _user_dirs():
    import platformdirs

    return platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR)


def _home_override() -> Path | None:
    value = os.environ.get("BRIEFING_HOME")
    return Path(value) if value else None


def user_data_dir() -> Path:
    """Per-user data: own content packs and templates live below this."""
    home = _home_override()
    return home / "data" if home else Path(_user_dirs().user_data_dir)


def user_content_dir() -> Path:
    """The officer's own content packs."""
    return user_data_dir() / "content"


def user_templates_dir() -> Path:
    """The officer's own templates."""
    return user_data_dir() / "templates"


def user_config_dir() -> Path:
    home = _home_override()
    return home / "config" if home else Path(_user_dirs().user_config_dir)


def user_state_dir() -> Path:
    """Recovery files and other state that must survive a crash."""
    home = _home_override()
    return home / "state" if home else Path(_user_dirs().user_state_dir)


def user_cache_dir() -> Path:
    home = _home_override()
    return home / "cache" if home else Path(_user_dirs().user_cache_dir)


def user_log_dir() -> Path:
    home = _home_override()
    return home / "log" if home else Path(_user_dirs().user_log_dir)


def user_documents_dir() -> Path:
    """Where briefs and exports are offered by default."""
    home = _home_override()
    return home / "documents" if home else Path(_user_dirs().user_documents_dir)
