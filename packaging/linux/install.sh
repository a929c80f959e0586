#!/bin/sh
# Install Briefing for the current user (no root needed), from the folder this script is in:
#   the app             -> ~/.local/opt/briefing        (a previous version there is replaced)
#   the command         -> ~/.local/bin/briefing
#   menu entry, icons and the .brief file type -> ~/.local/share/{applications,icons,mime}
# Then it runs `briefing selftest` and exits with its status. Remove it all with uninstall.sh.
# Options: --no-selftest. XDG_DATA_HOME is honoured; BRIEFING_INSTALL_DIR changes the app's folder.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
dest=${BRIEFING_INSTALL_DIR:-$HOME/.local/opt/briefing}
bin=$HOME/.local/bin
selftest=yes
for arg in "$@"; do
  case $arg in
    --no-selftest) selftest=no ;;
    -h|--help) sed -n '2,7p' "$0" | cut -c3-; exit 0 ;;
    *) echo "install.sh: unknown option $arg (see install.sh --help)" >&2; exit 2 ;;
  esac
done
[ -x "$here/briefing" ] || { echo "install.sh: $here/briefing is missing: unpack the whole archive first" >&2; exit 1; }

# The app: copied beside the old one first, then swapped in, so a failed copy leaves the old one working.
if [ "$here" != "$dest" ]; then
  mkdir -p "$(dirname "$dest")"
  rm -rf "$dest.new" "$dest.old"
  cp -R "$here" "$dest.new"
  [ ! -e "$dest" ] || mv "$dest" "$dest.old"
  mv "$dest.new" "$dest"
  rm -rf "$dest.old"
fi
mkdir -p "$bin"
ln -sfn "$dest/briefing" "$bin/briefing"

# Menu entry, icons and the .brief MIME type, in the user's own folders.
mkdir -p "$data/applications" "$data/mime/packages" "$data/icons"
sed "s|@BRIEFING@|$dest/briefing|g" "$dest/share/applications/briefing.desktop" > "$data/applications/briefing.desktop"
cp "$dest/share/mime/packages/briefing.xml" "$data/mime/packages/briefing.xml"
cp -R "$dest/share/icons/hicolor" "$data/icons/"
if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$data/mime"; fi
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$data/applications"; fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t "$data/icons/hicolor" || true; fi
if command -v xdg-mime >/dev/null 2>&1; then xdg-mime default briefing.desktop application/x-briefing-brief || true; fi

echo "Briefing installed in $dest; the command is $bin/briefing"
case ":$PATH:" in *":$bin:"*) ;; *) echo "note: $bin is not on PATH; run $dest/briefing or add it to PATH" ;; esac
[ "$selftest" = yes ] || exit 0
echo "Checking the installation (briefing selftest):"
exec "$dest/briefing" selftest
