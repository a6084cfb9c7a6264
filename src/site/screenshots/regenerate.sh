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

# The presenter view (what a class sees on a 1024x768 projector) at every checkpoint of three
# lessons, in both languages: the open question with what it asks about, before the answer.
# The step numbers are those of the checkpoints in lessons/*.yaml (the tests check every one).
# With ImageMagick the pictures are reduced to 128 colours (a third of the size, text still sharp).
presenter() {
    local lesson=$1 step=$2 lang=$3 file="src/site/screenshots/presenter/$1-step$2-$3.png"
    mkdir -p src/site/screenshots/presenter
    java -jar target/tcplab.jar --screenshot "$file" --lesson "$lesson" --step "$step" --presenter \
        --size 1024x768 --lang "$lang"
    if command -v convert >/dev/null; then
        convert "$file" -strip -dither None -colors 128 "PNG8:$file"
    fi
}
for lang in en zh; do
    for step in 2 3 4; do presenter handshake "$step" "$lang"; done
    for step in 2 3 6; do presenter closing "$step" "$lang"; done
    presenter syn-flood 2 "$lang"
done

# The Class tab at 1024x768: a real session with 31 students joined through its room (its code,
# address and question differ at every run).
mkdir -p src/site/screenshots/class
shot class/lobby-zh.png --tab class --class-phase lobby --at 0 --lang zh --size 1024x768
shot class/reveal-en.png --tab class --class-phase reveal --at 0 --lang en --size 1024x768
