#!/bin/sh
# deb-finish.sh DEB IMAGE WORKDIR SRC: finishes the .deb that jpackage built from IMAGE, and packs it
# again (SRC is src/dist):
# - its files get the modification times they have in the app image: jpackage copies the image
#   into its package tree without keeping them, and the AOT caches (lib/app/*.aot) are refused
#   when a jar on the class path is not the one they were made with ("timestamp has changed");
# - /usr/bin/tcplab, a link to /opt/tcplab/bin/tcplab, so that `tcplab` is on the PATH: a file of
#   the package, which dpkg removes with it (no maintainer script to keep in step with jpackage's);
# - the menu entry (Chinese and English names) and the icon where Debian packages put them,
#   /usr/share/applications and /usr/share/icons/hicolor: the desktop finds them by itself (and
#   desktop-file-utils' trigger updates its cache). jpackage's own way, --linux-shortcut, runs
#   xdg-desktop-menu in postinst and prerm, which fail where there is no desktop's menu folder
#   (/etc/xdg/menus): the package could then be neither installed nor removed.
set -eu
deb=$1
image=$2
work=$3
src=$4
rm -rf "$work"
dpkg-deb -R "$deb" "$work"
(cd "$image" && find . -type f) | while IFS= read -r f; do
  if [ -e "$work/opt/tcplab/$f" ]; then
    touch -r "$image/$f" "$work/opt/tcplab/$f"
  fi
done
mkdir -p "$work/usr/bin"
ln -sf /opt/tcplab/bin/tcplab "$work/usr/bin/tcplab"
mkdir -p "$work/usr/share/applications" "$work/usr/share/icons/hicolor/256x256/apps"
cp "$src/linux/tcplab.desktop" "$work/usr/share/applications/tcplab.desktop"
cp "$src/icons/tcplab.png" "$work/usr/share/icons/hicolor/256x256/apps/tcplab.png"
chmod 644 "$work/usr/share/applications/tcplab.desktop" "$work/usr/share/icons/hicolor/256x256/apps/tcplab.png"
dpkg-deb --root-owner-group -Zxz -b "$work" "$deb" >/dev/null
rm -rf "$work"
