#!/bin/sh
# Makes the packages' icons from tcplab.svg (run by hand after editing it; the results are committed).
# Needs Debian's librsvg2-bin (rsvg-convert), imagemagick (convert) and icnsutils (png2icns).
set -eu
cd "$(dirname "$0")"
for s in 16 32 48 128 256 512; do
  rsvg-convert -w $s -h $s tcplab.svg -o /tmp/tcplab-$s.png
done
cp /tmp/tcplab-256.png tcplab.png
convert /tmp/tcplab-16.png /tmp/tcplab-32.png /tmp/tcplab-48.png /tmp/tcplab-256.png tcplab.ico
png2icns tcplab.icns /tmp/tcplab-16.png /tmp/tcplab-32.png /tmp/tcplab-128.png /tmp/tcplab-256.png /tmp/tcplab-512.png >/dev/null
