#!/bin/sh
# deb-finish.sh DEB IMAGE WORKDIR: finishes the .deb that jpackage built from IMAGE, and packs it again:
# - its files get the modification times they have in the app image: jpackage copies the image
#   into its package tree without keeping them, and the AOT caches (lib/app/*.aot) are refused
#   when a jar on the class path is not the one they were made with ("timestamp has changed");
# - /usr/bin/tcplab, a link to /opt/tcplab/bin/tcplab, so that `tcplab` is on the PATH: a file of
#   the package, which dpkg removes with it (no maintainer script to keep in step with jpackage's).
set -eu
deb=$1
image=$2
work=$3
rm -rf "$work"
dpkg-deb -R "$deb" "$work"
(cd "$image" && find . -type f) | while IFS= read -r f; do
  if [ -e "$work/opt/tcplab/$f" ]; then
    touch -r "$image/$f" "$work/opt/tcplab/$f"
  fi
done
mkdir -p "$work/usr/bin"
ln -sf /opt/tcplab/bin/tcplab "$work/usr/bin/tcplab"
dpkg-deb --root-owner-group -Zxz -b "$work" "$deb" >/dev/null
rm -rf "$work"
