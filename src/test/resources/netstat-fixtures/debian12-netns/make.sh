#!/bin/bash
# Builds the namespace, opens the sockets, captures every command's output into $OUT.
set -u
OUT=$1
NS=fxparser
ip netns del $NS 2>/dev/null
ip netns add $NS
X="ip netns exec $NS"
$X ip link set lo up
$X ip link add d0 type veth peer name d1
$X ip link set d1 up
$X ip link set d0 up
$X ip addr add 10.9.9.1/24 dev d0
$X ip -6 addr add 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1/64 dev d0 nodad
$X sysctl -q -w net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.lo.rp_filter=0 net.ipv4.conf.d0.rp_filter=0
$X python3 "$(dirname "$0")/sockets.py" 900 > /tmp/sockets.log 2>&1 &
for i in $(seq 50); do grep -q ready /tmp/sockets.log && break; sleep 0.2; done
cat /tmp/sockets.log
mkdir -p $OUT/linux-locales $OUT/lsof $OUT/busybox $OUT/ss
for l in de_DE cs_CZ et_EE fr_FR ja_JP pt_BR; do
  short=${l%_*}; [ $l = pt_BR ] && short=pt_BR
  $X env LANG=$l.UTF-8 LC_ALL=$l.UTF-8 LANGUAGE= netstat -tan > $OUT/linux-locales/netstat-tan.$short.txt
  $X env LANG=$l.UTF-8 LC_ALL=$l.UTF-8 LANGUAGE= netstat -tanp > $OUT/linux-locales/netstat-tanp.$short.txt
done
$X env LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 netstat -tunapo > $OUT/linux-locales/netstat-tunapo.de.txt
$X env LC_ALL=C netstat -tanpo > $OUT/linux-locales/netstat-tanpo.txt
$X env LC_ALL=C netstat -taneeo > $OUT/linux-locales/netstat-taneeo.txt
$X env LC_ALL=C netstat -tan > $OUT/linux-locales/netstat-tan.C.txt
$X bash -c 'LC_ALL=C netstat -tan | grep --color=always 8080' > $OUT/linux-locales/netstat-tan-grep-color.txt
$X lsof -i -n -P > $OUT/lsof/lsof-i-n-P.txt
$X lsof -i -n > $OUT/lsof/lsof-i-n.txt
$X lsof -iTCP -sTCP:LISTEN -n -P > $OUT/lsof/lsof-iTCP-sTCP-LISTEN.txt
$X lsof -i:8080 > $OUT/lsof/lsof-i-8080.txt
$X lsof -i :8080 -n -P > $OUT/lsof/lsof-i-8080-n-P.txt
$X busybox netstat -tan > $OUT/busybox/busybox-netstat-tan.txt
$X busybox netstat -tuna > $OUT/busybox/busybox-netstat-tuna.txt
$X ss -tano > $OUT/ss/ss-tano.txt
$X ss -tane > $OUT/ss/ss-tane.txt
$X ss -tanm > $OUT/ss/ss-tanm.txt
$X ss -tani > $OUT/ss/ss-tani.txt
$X ss -tanpeomi > $OUT/ss/ss-tanpeomi.txt
$X ss -tan state time-wait > $OUT/ss/ss-tan-state-time-wait.txt
$X ss -tn state established > $OUT/ss/ss-tn-state-established.txt
$X ss -tlnp > $OUT/ss/ss-tlnp.txt
kill %1 2>/dev/null
ip netns del $NS
