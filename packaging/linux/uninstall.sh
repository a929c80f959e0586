#!/bin/sh
# Remove what install.sh installed for the current user: the app in ~/.local/opt/briefing, the
# ~/.local/bin/briefing link, the menu entry, the icons and the .brief file type. Briefing's own
# data (content packs, templates, settings, recovery files) stays; the last line says where.
set -eu

data=${XDG_DATA_HOME:-$HOME/.local/share}
dest=${BRIEFING_INSTALL_DIR:-$HOME/.local/opt/briefing}
bin=$HOME/.local/bin

if [ -L "$bin/briefing" ] && [ "$(readlink "$bin/briefing")" = "$dest/briefing" ]; then rm -f "$bin/briefing"; fi
rm -f "$data/applications/briefing.desktop" "$data/mime/packages/briefing.xml" "$data/icons/hicolor/scalable/apps/briefing.svg"
for icon in "$data"/icons/hicolor/*/apps/briefing.png; do rm -f "$icon"; done
if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$data/mime"; fi
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$data/applications"; fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t "$data/icons/hicolor" || true; fi
case $dest in */briefing) rm -rf "$dest" ;; *) echo "uninstall.sh: not removing $dest (its name does not end in /briefing)" >&2 ;; esac
echo "Briefing removed. Your own content, templates and settings are kept in $data/Briefing and ~/.config/Briefing."
