"""The Linux system libraries the desktop bundle takes from the system, each with the Debian package that provides it.

The bundle carries Python, Qt and every Python library, but uses the desktop's
own graphics, font, input and D-Bus libraries (``packaging/bundle_meta.py``
leaves them out of the bundle). ``briefing selftest`` loads each of these by
name and names the package of any that is missing; the README lists them.
"""

from __future__ import annotations

import ctypes
from typing import NamedTuple


class SystemLibrary(NamedTuple):
    soname: str
    package: str  # Debian 12 / Ubuntu 22.04 name
    needed_for: str  # "" when the app cannot start without it


_GTK = "the GTK look and native file dialogs on GNOME"
_WAYLAND = "native Wayland windows (without them Qt uses X11 through XWayland)"

LIBRARIES: tuple[SystemLibrary, ...] = (
    SystemLibrary("libEGL.so.1", "libegl1", ""),
    SystemLibrary("libGL.so.1", "libgl1", ""),
    SystemLibrary("libfontconfig.so.1", "libfontconfig1", ""),
    SystemLibrary("libfreetype.so.6", "libfreetype6", ""),
    SystemLibrary("libharfbuzz.so.0", "libharfbuzz0b", ""),
    SystemLibrary("libdbus-1.so.3", "libdbus-1-3", ""),
    SystemLibrary("libglib-2.0.so.0", "libglib2.0-0", ""),
    SystemLibrary("libgthread-2.0.so.0", "libglib2.0-0", ""),
    SystemLibrary("libgobject-2.0.so.0", "libglib2.0-0", ""),
    SystemLibrary("libgio-2.0.so.0", "libglib2.0-0", ""),
    SystemLibrary("libxkbcommon.so.0", "libxkbcommon0", ""),
    SystemLibrary("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", ""),
    SystemLibrary("libX11.so.6", "libx11-6", ""),
    SystemLibrary("libX11-xcb.so.1", "libx11-xcb1", ""),
    SystemLibrary("libxcb.so.1", "libxcb1", ""),
    SystemLibrary("libxcb-cursor.so.0", "libxcb-cursor0", ""),
    SystemLibrary("libxcb-glx.so.0", "libxcb-glx0", ""),
    SystemLibrary("libxcb-icccm.so.4", "libxcb-icccm4", ""),
    SystemLibrary("libxcb-image.so.0", "libxcb-image0", ""),
    SystemLibrary("libxcb-keysyms.so.1", "libxcb-keysyms1", ""),
    SystemLibrary("libxcb-randr.so.0", "libxcb-randr0", ""),
    SystemLibrary("libxcb-render.so.0", "libxcb-render0", ""),
    SystemLibrary("libxcb-render-util.so.0", "libxcb-render-util0", ""),
    SystemLibrary("libxcb-shape.so.0", "libxcb-shape0", ""),
    SystemLibrary("libxcb-shm.so.0", "libxcb-shm0", ""),
    SystemLibrary("libxcb-sync.so.1", "libxcb-sync1", ""),
    SystemLibrary("libxcb-util.so.1", "libxcb-util1", ""),
    SystemLibrary("libxcb-xfixes.so.0", "libxcb-xfixes0", ""),
    SystemLibrary("libxcb-xkb.so.1", "libxcb-xkb1", ""),
    SystemLibrary("libgssapi_krb5.so.2", "libgssapi-krb5-2", ""),
    SystemLibrary("libbrotlidec.so.1", "libbrotli1", ""),
    SystemLibrary("libbrotlicommon.so.1", "libbrotli1", ""),
    SystemLibrary("libzstd.so.1", "libzstd1", ""),
    SystemLibrary("libstdc++.so.6", "libstdc++6", ""),
    SystemLibrary("libgcc_s.so.1", "libgcc-s1", ""),
    SystemLibrary("libcups.so.2", "libcups2", "printing"),
    SystemLibrary("libwayland-client.so.0", "libwayland-client0", _WAYLAND),
    SystemLibrary("libwayland-cursor.so.0", "libwayland-cursor0", _WAYLAND),
    SystemLibrary("libwayland-egl.so.1", "libwayland-egl1", _WAYLAND),
    SystemLibrary("libgtk-3.so.0", "libgtk-3-0", _GTK),
)
# Part of the C library itself: always present.
C_LIBRARY = ("ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2")  # fmt: skip
# Pulled in by the GTK theme plugin and present wherever libgtk-3-0 is.
GTK_DEPENDENCIES = ("libgdk-3.so.0", "libatk-1.0.so.0", "libcairo.so.2", "libcairo-gobject.so.2", "libgdk_pixbuf-2.0.so.0", "libpango-1.0.so.0", "libpangocairo-1.0.so.0")  # fmt: skip


def loads(soname: str) -> bool:
    """Whether the dynamic linker finds and loads ``soname``."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing(libraries: tuple[SystemLibrary, ...] = LIBRARIES) -> list[SystemLibrary]:
    """The libraries that do not load, in the order listed."""
    return [library for library in libraries if not loads(library.soname)]
