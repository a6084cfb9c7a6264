#!/bin/sh
# test-dist.sh DIST VERSION: checks the packages of `mvn -Pdist package` in DIST (target/dist) as a
# teacher's machine would run them. Run by `mvn -Pdist verify` (integration-test phase), or by hand:
#   sh src/dist/test-dist.sh target/dist 0.1.0-SNAPSHOT
# The app image, the unpacked .tar.gz and the unpacked .deb run with no Java on the PATH and no
# JAVA_HOME (env -i PATH=/nonexistent: they must use their own runtime); the portable zip with the
# system's Java. Each checks --version, explain, simulate and a --screenshot; the image, .tar.gz and
# .deb also that the AOT cache is accepted where they were unpacked (-XX:AOTMode=on fails otherwise).
# Needs: unzip, tar, dpkg-deb (Linux).
set -u
dist=$(cd "$1" && pwd)
version=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
fixture=$root/src/test/resources/netstat-fixtures/jc/windows_windows-10_netstat-aon.out
tmp=$(mktemp -d /tmp/tcplab-dist-test.XXXXXX)
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }

# check NAME EXPECTED-TEXT COMMAND...: the command exits 0 and prints EXPECTED-TEXT (if not empty).
check() {
  name=$1
  want=$2
  shift 2
  if out=$("$@" 2>&1) && { [ -z "$want" ] || printf '%s' "$out" | grep -qF -- "$want"; }; then
    ok "$name"
  else
    bad "$name"
    printf '%s\n' "$out" | head -20 | sed 's/^/     | /'
  fi
}

# A run with nothing from this machine's Java: no java on the PATH, no JAVA_HOME.
bare() {
  env -i HOME="$tmp/home" PATH=/nonexistent LANG=C.UTF-8 "$@"
}

# The same, with the AOT cache required: the JVM stops if it cannot use it.
bare_aot() {
  env -i HOME="$tmp/home" PATH=/nonexistent LANG=C.UTF-8 JAVA_TOOL_OPTIONS=-XX:AOTMode=on "$@"
}

# The four runs every package must pass; $1 names it, $2 runs tcplab (a launcher, or "bare launcher").
runs() {
  what=$1
  shift
  check "$what: --version says $version" "tcplab $version" "$@" --version
  check "$what: explain a Windows netstat -ano" "netstat explained: 212 lines" "$@" explain "$fixture" --lang en
  check "$what: explain in Chinese (GBK-capable runtime, zh texts)" "个套接字" "$@" explain "$fixture" --lang zh
  check "$what: simulate --scenario handshake" "SYN_SENT -> ESTABLISHED" "$@" simulate --scenario handshake --lang en
  png=$tmp/$(printf '%s' "$what" | tr -c 'a-z0-9' '-').png
  if "$@" --screenshot "$png" --scenario handshake --at 300 --lang zh >/dev/null 2>&1 \
      && [ "$(head -c 4 "$png" | tail -c 3)" = PNG ] && [ "$(wc -c <"$png")" -gt 20000 ]; then
    ok "$what: --screenshot renders the window to PNG"
  else
    bad "$what: --screenshot renders the window to PNG"
  fi
}

mkdir -p "$tmp/home"
image=$dist/tcplab-$version-linux-x64
if [ -x "$image/bin/tcplab" ]; then
  runs "app image" bare "$image/bin/tcplab"
  check "app image: the commands' AOT cache is accepted" "tcplab $version" bare_aot "$image/bin/tcplab" --version
  check "app image: explain's AOT cache is accepted" "netstat explained" bare_aot "$image/bin/tcplab" explain "$fixture" --lang en
  check "app image: the window's AOT cache is accepted" "first-frame-epoch-ms" bare_aot TCPLAB_BENCH_FIRST_FRAME=1 "$image/bin/tcplab"
  check "app image: a usage error exits 2 with one line" "unknown option '--formt'" sh -c "'$image/bin/tcplab' explain --formt x; [ \$? -eq 2 ]"
else
  bad "app image: $image/bin/tcplab"
fi

tgz=$dist/tcplab-$version-linux-x64.tar.gz
if [ -f "$tgz" ] && mkdir -p "$tmp/elsewhere/deeper" && tar -xzf "$tgz" -C "$tmp/elsewhere/deeper"; then
  moved=$tmp/elsewhere/deeper/tcplab-$version-linux-x64/bin/tcplab
  runs ".tar.gz unpacked elsewhere" bare "$moved"
  check ".tar.gz: the AOT caches are accepted after the move" "tcplab $version" bare_aot "$moved" --version
  check ".tar.gz: explain's too" "netstat explained" bare_aot "$moved" explain "$fixture" --lang en
  check ".tar.gz: the window's too" "first-frame-epoch-ms" bare_aot TCPLAB_BENCH_FIRST_FRAME=1 "$moved"
  # A link to the launcher (as /usr/bin/tcplab is to the installed one) finds its application.
  ln -s "$moved" "$tmp/tcplab-link"
  check ".tar.gz: started through a symbolic link" "tcplab $version" bare "$tmp/tcplab-link" --version
else
  bad ".tar.gz: $tgz unpacks"
fi

deb=$dist/tcplab_${version}_amd64.deb
if [ -f "$deb" ] && dpkg-deb -x "$deb" "$tmp/deb"; then
  runs ".deb unpacked" bare "$tmp/deb/opt/tcplab/bin/tcplab"
  check ".deb: the AOT caches are accepted (times kept)" "tcplab $version" bare_aot "$tmp/deb/opt/tcplab/bin/tcplab" --version
  check ".deb: explain's too" "netstat explained" bare_aot "$tmp/deb/opt/tcplab/bin/tcplab" explain "$fixture" --lang en
  check ".deb: the window's too" "first-frame-epoch-ms" bare_aot TCPLAB_BENCH_FIRST_FRAME=1 "$tmp/deb/opt/tcplab/bin/tcplab"
  check ".deb: package name and version" "tcplab $(printf '%s' "$version" | sed 's/-.*//')" dpkg-deb -W --showformat='${Package} ${Version}' "$deb"
  check ".deb: section education" "education" dpkg-deb -f "$deb" Section
  desktop=$tmp/deb/usr/share/applications/tcplab.desktop
  check ".deb: menu entry in English" "Name=TCP State Lab" cat "$desktop"
  check ".deb: menu entry in Chinese" "Name[zh_CN]=TCP 状态实验室" cat "$desktop"
  check ".deb: menu entry starts the installed launcher" "Exec=/opt/tcplab/bin/tcplab" cat "$desktop"
  if command -v desktop-file-validate >/dev/null 2>&1; then
    check ".deb: menu entry is valid (desktop-file-validate)" "" desktop-file-validate "$desktop"
  fi
  [ -s "$tmp/deb/usr/share/icons/hicolor/256x256/apps/tcplab.png" ] && ok ".deb: icon in the hicolor theme" || bad ".deb: icon in the hicolor theme"
  dpkg-deb -e "$deb" "$tmp/debian"
  if grep -q xdg-desktop-menu "$tmp/debian/postinst" "$tmp/debian/prerm" 2>/dev/null; then
    bad ".deb: no xdg-desktop-menu in the maintainer scripts (it fails without a desktop)"
  else
    ok ".deb: no xdg-desktop-menu in the maintainer scripts (it fails without a desktop)"
  fi
  check ".deb: tcplab on the PATH (/usr/bin/tcplab, a file of the package)" "usr/bin/tcplab -> /opt/tcplab/bin/tcplab" dpkg-deb -c "$deb"
  # The link as installed: relative to the unpacked tree, as /usr/bin/tcplab is to /.
  ln -s "$tmp/deb/opt/tcplab/bin/tcplab" "$tmp/deb-usr-bin-tcplab"
  check ".deb: through the link, the installed launcher finds its image" "tcplab $version" bare "$tmp/deb-usr-bin-tcplab" --version
else
  bad ".deb: $deb unpacks"
fi

zip=$dist/tcplab-$version-portable.zip
if [ -f "$zip" ] && unzip -q "$zip" -d "$tmp/zip"; then
  p=$tmp/zip/tcplab-$version
  if command -v java >/dev/null 2>&1; then
    runs "portable zip with the system's Java" "$p/tcplab"
  else
    bad "portable zip: no java on the PATH to run it with"
  fi
  for d in linux win mac mac-aarch64; do
    n=$(ls "$p/javafx/$d" 2>/dev/null | grep -c '^javafx-.*\.jar$')
    [ "$n" -eq 3 ] && ok "portable zip: JavaFX for $d" || bad "portable zip: JavaFX for $d ($n jars)"
  done
  if head -1 "$p/tcplab.cmd" | od -c | grep -q '\\r'; then ok "portable zip: tcplab.cmd has CRLF line ends"; else bad "portable zip: tcplab.cmd has CRLF line ends"; fi
  [ -f "$p/LICENSE" ] && [ -f "$p/THIRD-PARTY.md" ] && ok "portable zip: licences" || bad "portable zip: licences"
else
  bad "portable zip: $zip unpacks"
fi

rm -rf "$tmp"
echo "dist: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
