#!/bin/sh
# tcplab: the window without arguments, the command line with them (Linux app image, .tar.gz, .deb).
#
# This script replaces the launcher jpackage makes on Linux, which asks rpm and then dpkg which
# package it belongs to on every start: `dpkg -S` alone took about half a second here, longer
# than explaining a paste. It runs the image's own Java with the options and class path of
# jpackage's lib/app/tcplab.cfg, which the build copies in here (src/dist/dist.xml), and with:
# - an AOT cache (JDK 25): lib/app/window.aot for the window, explain.aot for explain, cli.aot for
#   the other commands, each recorded from a run of its own at build time. A cache loads all its
#   classes at start-up: one cache for everything made the commands slower than none (JavaFX's
#   classes too), and explain's own takes a quarter less CPU than the commands' (0.16 s, 0.21 s).
# - C1 only (-XX:TieredStopAtLevel=1, what the old "client VM" did) for the window and the short
#   commands: on two busy cores the C2 compiler's work delayed explain and the first frame by about
#   a fifth; `bench` and `class` run long and keep the full JIT.
# Extra JVM options: TCPLAB_JAVA_OPTS (last, so they win).

self=$0
# Follow links (/usr/bin/tcplab -> /opt/tcplab/bin/tcplab) to find the image. Nothing here needs
# the PATH (a menu or a test may start this with none): shell built-ins, and /bin/readlink.
while [ -h "$self" ]; do
  link=$(/bin/readlink "$self" 2>/dev/null || readlink "$self")
  case $link in
    /*) self=$link ;;
    *) self=${self%/*}/$link ;;
  esac
done
case $self in
  */*) dir=${self%/*} ;;
  *) dir=. ;;
esac
root=$(cd "$dir/.." && pwd -P)
app=$root/lib/app

if [ $# -eq 0 ]; then
  aot=$app/window.aot
elif [ "$1" = explain ]; then
  aot=$app/explain.aot
else
  aot=$app/cli.aot
fi
case ${1-} in
  bench|class) jit= ;;
  *) jit=-XX:TieredStopAtLevel=1 ;;
esac

# The JVM's arguments before "$@", built from the end: the class path and main class, then the
# cache where there is one (older packaging JDKs make none, and refuse the option).
set -- -cp @CLASSPATH@ tcplab.cli.Main "$@"
if [ -f "$aot" ]; then
  set -- "-XX:AOTCache=$aot" "$@"
fi
set -f
# shellcheck disable=SC2086
exec "$root/lib/runtime/bin/java" @OPTIONS@ -XX:-UsePerfData $jit $TCPLAB_JAVA_OPTS "$@"
