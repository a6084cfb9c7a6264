#!/usr/bin/env bash
# Regenerates the README's screenshots from the built jar, headlessly (no display needed).
# Run from the repository root after `mvn -B -ntp package -DskipTests`.
set -euo pipefail
cd "$(dirname "$0")/../../.."
shot() { java -jar target/tcplab.jar --screenshot "src/site/screenshots/$1" "${@:2}"; }
shot handshake-en.png --scenario handshake --at 250 --lang en --select 2
shot handshake-zh.png --scenario handshake --at 250 --lang zh --select 2
shot syn-flood-en.png --scenario syn-flood --at 3000 --lang en --size 1440x900
shot syn-flood-zh.png --scenario syn-flood --at 3000 --lang zh --size 1440x900
shot simultaneous-close-zh.png --scenario simultaneous-close --at 650 --lang zh
