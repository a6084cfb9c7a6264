#!/bin/sh
# deb-keep-times.sh DEB IMAGE WORKDIR: gives the files in the .deb that jpackage built the
# modification times they have in the app image, and packs it again.
# Why: jpackage copies the image into its package tree without keeping the times, and the AOT
# cache (lib/app/tcplab.aot) is refused when a jar on the class path is not the one it was made
# with: "timestamp has changed". The tar.gz keeps them by itself.
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
dpkg-deb --root-owner-group -Zxz -b "$work" "$deb" >/dev/null
rm -rf "$work"
