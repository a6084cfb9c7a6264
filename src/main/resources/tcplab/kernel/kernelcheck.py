#!/usr/bin/env python3
"""Runs one tcplab scenario on the real Linux kernel and reports what the kernel did.

    python3 kernelcheck.py run PLAN.json     (as root) prints the observation on stdout

A plan (written by tcplab.kernel.KernelPlan from a scenario file) names the hosts, the link and
the applications' timed actions. Each host becomes a network namespace whose only interface is a
TUN device held by this process: every IPv4 packet a host sends comes here, is logged, delayed by
the link's one-way delay and written into the destination host's TUN device, or dropped by the
plan's drop rules, which count segments exactly as the simulator's do (flags, from, to, nth,
count, after_ms). A small application host (this file, mode "app") runs inside each namespace and
does what the scenario's applications do, logging what each call returned.

The kernel's state changes come from the tracepoint sock:inet_sock_set_state (in a tracing
instance of our own, clock "mono", the clock time.monotonic() reads); request sockets
(SYN_RECV minisockets) and TIME_WAIT / orphaned FIN_WAIT2 minisockets, which that tracepoint
does not show, from /proc/net/tcp polled every 2 ms inside each namespace.

Output, one record per line, tab-separated, times in ms since the scenario's 0:
    state   T  HOST  LOCAL  REMOTE  FROM  TO          (tracepoint; FROM/TO as in the kernel)
    poll    T  HOST  LOCAL  REMOTE  STATE  TIMER_MS  KIND   (a /proc/net/tcp row appeared or changed;
                                                      STATE "gone" when it left; KIND "mini" for inode 0:
                                                      a request or timewait socket, or an orphan)
    segment T  FROM_HOST TO_HOST  FLAGS  SEQ  ACK  LEN  FATE   (FATE deliver, drop, no-host)
    app     T  HOST  LOCAL  REMOTE  CALL  RESULT  VALUE
    counter T  HOST  NAME  VALUE   (the host's TcpExt counters of /proc/net/netstat that moved)
    note    TEXT
Sysctls are set inside the namespaces only.

A "flood" action is the relay's own: it writes raw SYNs from random addresses of the spoofed
prefix (random port and ISN, MSS 1460, as flooding tools send them) into the target's TUN device
at the scenario's times (plus the link's delay), logged as segments of the flooding host. The
target's answers to those addresses come back here (its only route is the TUN device) and are
lost, as nobody has them ("no-host"). A host with "filtered": true drops what comes to a port it
does not listen on (a firewall's DROP; the relay does it, logged as "drop").
"""
import errno
import fcntl
import heapq
import json
import os
import random
import selectors
import signal
import socket
import struct
import subprocess
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
FLAG_BITS = [(0x02, "SYN"), (0x01, "FIN"), (0x04, "RST"), (0x08, "PSH"), (0x10, "ACK")]
PROC_STATES = {1: "ESTABLISHED", 2: "SYN_SENT", 3: "SYN_RECV", 4: "FIN_WAIT1", 5: "FIN_WAIT2",
               6: "TIME_WAIT", 7: "CLOSE", 8: "CLOSE_WAIT", 9: "LAST_ACK", 10: "LISTEN", 11: "CLOSING"}
USER_HZ = 100  # /proc/net/tcp prints timers in clock ticks (jiffies_delta_to_clock_t)


def flag_text(bits):
    return ",".join(name for bit, name in FLAG_BITS if bits & bit)


def sh(*args, check=True):
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check and r.returncode != 0:
        raise RuntimeError("%s: %s" % (" ".join(args), r.stderr.strip()))
    return r


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def raw_syn(src, sport, dst, dport, isn):
    """An IPv4 SYN with the MSS option (1460) and window 64240, as flooding tools send it."""
    opts = struct.pack("!BBH", 2, 4, 1460)
    tcp = struct.pack("!HHIIBBHHH", sport, dport, isn, 0, (5 + len(opts) // 4) << 4, 0x02, 64240, 0, 0) + opts
    s, d = socket.inet_aton(src), socket.inet_aton(dst)
    pseudo = s + d + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), random.randrange(65536), 0x4000, 64, 6, 0, s, d)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return ip + tcp


def flood_packets(plan, t0):
    """(monotonic send time, host, packet) of every flood action's SYNs, in time order."""
    out = []
    for a in plan["actions"]:
        if a["do"] != "flood":
            continue
        base, prefix = a["spoof"].split("/")
        prefix = int(prefix)
        host_bits = 32 - prefix
        net = struct.unpack("!I", socket.inet_aton(base))[0] & ~((1 << host_bits) - 1) & 0xFFFFFFFF
        dst, dport = a["to"].rsplit(":", 1)
        for i in range(a["count"]):
            # Neither the network's nor its broadcast address, as the simulator picks them.
            src = socket.inet_ntoa(struct.pack("!I", net | random.randrange(1, max(2, (1 << host_bits) - 1))))
            t = t0 + (a["at_ms"] + i * a["interval_ms"]) / 1000.0
            out.append((t, a["host"], raw_syn(src, 1024 + random.randrange(64512), dst, int(dport),
                                              random.randrange(1 << 31))))
    out.sort(key=lambda x: x[0])
    return out


# ---------------------------------------------------------------------------------- the run

class Run:
    def __init__(self, plan):
        self.plan = plan
        self.tag = "tlkc%d" % os.getpid()
        self.hosts = plan["hosts"]
        self.by_addr = {h["addr"]: h["name"] for h in self.hosts}
        self.ns = {h["name"]: "%s-%d" % (self.tag, i) for i, h in enumerate(self.hosts)}
        self.tun = {}
        self.apps = {}
        self.out = []
        self.trace_dir = None

    def emit(self, *fields):
        self.out.append("\t".join(str(f) for f in fields))

    def setup(self):
        for i, h in enumerate(self.hosts):
            ns = self.ns[h["name"]]
            sh("ip", "netns", "add", ns)
            name = "%sd%d" % (self.tag[-8:], i)
            fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
            fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
            self.tun[h["name"]] = fd
            sh("ip", "link", "set", name, "netns", ns)
            ex = ["ip", "netns", "exec", ns]
            # No IPv6 on the link: only the scenario's segments cross it.
            sh(*ex, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", check=False)
            sh(*ex, "sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1", check=False)
            for k, v in sorted(h.get("sysctls", {}).items()):
                sh(*ex, "sysctl", "-qw", "%s=%s" % (k, v))
            sh(*ex, "ip", "link", "set", "lo", "up")
            sh(*ex, "ip", "addr", "add", h["addr"] + "/32", "dev", name)
            sh(*ex, "ip", "link", "set", name, "up")
            sh(*ex, "ip", "route", "add", "default", "dev", name)
        self.setup_trace()

    def setup_trace(self):
        base = "/sys/kernel/tracing"
        if not os.path.isdir(base + "/instances"):
            sh("mount", "-t", "tracefs", "nodev", base, check=False)
        d = base + "/instances/" + self.tag
        os.mkdir(d)
        self.trace_dir = d
        for f, v in (("trace_clock", "mono"), ("buffer_size_kb", "2048"),
                     ("events/sock/inet_sock_set_state/filter", "protocol == 6 && family == 2"),
                     ("events/sock/inet_sock_set_state/enable", "1")):
            with open(d + "/" + f, "w") as fh:
                fh.write(v)

    COUNTERS = ("SyncookiesSent", "SyncookiesRecv", "SyncookiesFailed", "ListenOverflows", "ListenDrops",
                "TCPReqQFullDoCookies", "TCPReqQFullDrop", "TCPACKSkippedSynRecv", "TCPChallengeACK",
                "TCPSYNChallenge", "TCPLossProbes", "TCPTimeouts")

    def counters(self, t0):
        """The TcpExt counters (per network namespace) that moved during the run."""
        for h in self.hosts:
            r = sh("ip", "netns", "exec", self.ns[h["name"]], "cat", "/proc/net/netstat", check=False)
            lines = r.stdout.splitlines()
            for names, values in zip(lines[0::2], lines[1::2]):
                if not names.startswith("TcpExt:"):
                    continue
                for k, v in zip(names.split()[1:], values.split()[1:]):
                    if k in self.COUNTERS and int(v) != 0:
                        self.emit("counter", "%.3f" % ((time.monotonic() - t0) * 1000), h["name"], k, v)

    def teardown(self):
        for p in self.apps.values():
            if p.poll() is None:
                p.kill()
        for fd in self.tun.values():
            try:
                os.close(fd)
            except OSError:
                pass
        for ns in self.ns.values():
            sh("ip", "netns", "del", ns, check=False)
        if self.trace_dir:
            try:
                with open(self.trace_dir + "/events/sock/inet_sock_set_state/enable", "w") as fh:
                    fh.write("0")
                os.rmdir(self.trace_dir)
            except OSError:
                pass

    # ------------------------------------------------------------------ running

    def start_apps(self, t0, plan_path):
        me = os.path.abspath(__file__)
        for h in self.hosts:
            self.apps[h["name"]] = subprocess.Popen(
                ["ip", "netns", "exec", self.ns[h["name"]], sys.executable, me, "app", plan_path, h["name"], repr(t0)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def relay(self, t0, until):
        """Moves packets between the TUN devices until monotonic time {@code until}."""
        delay = self.plan["delay_ms"] / 1000.0
        drops = self.plan.get("drops", [])
        dropped = [0] * len(drops)
        dark = self.plan.get("dark", [])  # [{host, from_ms, to_ms}]: a crashed host sends nothing
        fd_host = {fd: name for name, fd in self.tun.items()}
        sel = selectors.DefaultSelector()
        for fd in self.tun.values():
            sel.register(fd, selectors.EVENT_READ)
        queue = []
        order = 0
        nth = 0
        injections = flood_packets(self.plan, t0)
        inject_at = 0
        filtered = {h["name"] for h in self.hosts if h.get("filtered")}
        listening = {(a["host"], a["port"]) for a in self.plan["actions"] if a["do"] == "listen"}
        while True:
            now = time.monotonic()
            while inject_at < len(injections) and injections[inject_at][0] <= now:
                _, src_host, pkt = injections[inject_at]
                inject_at += 1
                nth += 1
                dst = socket.inet_ntoa(pkt[16:20])
                tcp = pkt[20:]
                sport, dport, seq = struct.unpack("!HHI", tcp[0:8])
                dst_host = self.by_addr.get(dst)
                self.emit("segment", "%.3f" % ((now - t0) * 1000), src_host, dst_host or dst, "SYN",
                          "%s:%d>%s:%d" % (socket.inet_ntoa(pkt[12:16]), sport, dst, dport), seq, 0, 0,
                          "deliver" if dst_host else "no-host")
                if dst_host:
                    heapq.heappush(queue, (now + delay, order, self.tun[dst_host], pkt))
                    order += 1
            while queue and queue[0][0] <= now:
                _, _, fd, pkt = heapq.heappop(queue)
                try:
                    os.write(fd, pkt)
                except OSError as e:
                    self.emit("note", "write failed: %s" % e)
            if now >= until:
                break
            timeout = until - now
            if queue:
                timeout = min(timeout, queue[0][0] - now)
            if inject_at < len(injections):
                timeout = min(timeout, injections[inject_at][0] - now)
            for key, _ in sel.select(max(timeout, 0)):
                while True:
                    try:
                        pkt = os.read(key.fd, 65536)
                    except BlockingIOError:
                        break
                    t = time.monotonic()
                    src_host = fd_host[key.fd]
                    if len(pkt) < 20 or pkt[0] >> 4 != 4 or pkt[9] != 6:
                        continue  # not IPv4 TCP
                    ihl = (pkt[0] & 15) * 4
                    total = struct.unpack("!H", pkt[2:4])[0]
                    src = socket.inet_ntoa(pkt[12:16])
                    dst = socket.inet_ntoa(pkt[16:20])
                    tcp = pkt[ihl:]
                    seq, ack = struct.unpack("!II", tcp[4:12])
                    doff = (tcp[12] >> 4) * 4
                    bits = tcp[13] & 0x1F
                    length = total - ihl - doff
                    nth += 1
                    dst_host = self.by_addr.get(dst)
                    ms = (t - t0) * 1000
                    fate = None
                    for i, r in enumerate(drops):
                        if r.get("count", -1) >= 0 and dropped[i] >= r["count"]:
                            continue
                        if r.get("flags", -1) >= 0 and r["flags"] != bits:
                            continue
                        if r.get("from") and r["from"] != src_host:
                            continue
                        if r.get("to") and r["to"] != dst_host:
                            continue
                        if r.get("nth", 0) > 0 and r["nth"] != nth:
                            continue
                        if ms < r.get("after_ms", 0):
                            continue
                        dropped[i] += 1
                        fate = "drop"
                        break
                    for d in dark:
                        if d["host"] == src_host and d["from_ms"] <= ms < d["to_ms"]:
                            fate = "dark"
                    if fate is None and dst_host in filtered and (dst_host, struct.unpack("!H", tcp[2:4])[0]) not in listening:
                        fate = "drop"
                    if fate is None:
                        if dst_host is None:
                            fate = "no-host"
                        else:
                            fate = "deliver"
                            heapq.heappush(queue, (t + delay, order, self.tun[dst_host], pkt))
                            order += 1
                    self.emit("segment", "%.3f" % ms, src_host, dst_host or dst, flag_text(bits),
                              "%s:%d>%s:%d" % (src, struct.unpack("!H", tcp[0:2])[0], dst, struct.unpack("!H", tcp[2:4])[0]),
                              seq, ack, length, fate)

    def collect(self, t0):
        for name, p in self.apps.items():
            p.send_signal(signal.SIGTERM)
        for name, p in self.apps.items():
            try:
                out, err = p.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                out, err = p.communicate()
            for line in out.splitlines():
                if line:
                    self.out.append(line)
            for line in err.splitlines():
                if line.strip():
                    self.emit("note", "%s: %s" % (name, line.strip()))
        with open(self.trace_dir + "/events/sock/inet_sock_set_state/enable", "w") as fh:
            fh.write("0")
        with open(self.trace_dir + "/trace") as fh:
            trace = fh.read()
        addrs = set(self.by_addr)
        for line in trace.splitlines():
            if line.startswith("#") or "inet_sock_set_state:" not in line:
                continue
            head, _, body = line.partition(": inet_sock_set_state: ")
            ts = float(head.split()[-1].rstrip(":"))
            f = dict(kv.split("=", 1) for kv in body.split() if "=" in kv)
            saddr, daddr = f["saddr"], f["daddr"]
            # The tracepoint is global: keep this run's sockets (its addresses are its own),
            # and its listeners (0.0.0.0 on a port the plan listens on).
            if saddr in addrs:
                host = self.by_addr[saddr]
            elif saddr == "0.0.0.0" and daddr == "0.0.0.0":
                host = self.listener_host(int(f["sport"]))
                if host is None or ts < t0 - 0.5:
                    continue
            else:
                continue
            self.emit("state", "%.3f" % ((ts - t0) * 1000), host, "%s:%s" % (saddr, f["sport"]),
                      "%s:%s" % (daddr, f["dport"]), f["oldstate"].replace("TCP_", ""), f["newstate"].replace("TCP_", ""))

    def listener_host(self, port):
        for a in self.plan["actions"]:
            if a["do"] == "listen" and a["port"] == port:
                return a["host"]
        return None


def realtime():
    """Real-time priority, so a busy machine does not delay the relay or an application by
    tens of milliseconds (both block in select() between packets: they cannot starve it)."""
    try:
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(10))
    except (OSError, AttributeError):
        pass


# The sock:inet_sock_set_state tracepoint is global: a tracing instance sees the sockets of every
# network namespace, and two checks at once (two builds on one machine, as CI beside a developer's
# verify) use the same addresses and ports, so each would read the other's state changes. One run
# at a time, machine-wide; the lock goes with the process.
LOCK = "/tmp/tcplab-kernelcheck.lock"


def run(plan_path):
    with open(plan_path) as fh:
        plan = json.load(fh)
    lock = open(LOCK, "a")
    fcntl.flock(lock, fcntl.LOCK_EX)
    realtime()
    r = Run(plan)
    try:
        r.setup()
        # The scenario's 0 a little ahead, so every application host has started.
        t0 = time.monotonic() + 0.6
        r.start_apps(t0, plan_path)
        r.relay(t0, t0 + plan["until_ms"] / 1000.0)
        r.counters(t0)
        r.collect(t0)
    finally:
        r.teardown()
    sys.stdout.write("\n".join(r.out) + "\n")


# ---------------------------------------------------------------------------------- applications

class Conn:
    """A socket and what the application knows about it (socket objects take no attributes)."""

    def __init__(self, sock, peer, spec):
        self.sock = sock
        self.peer = peer
        self.spec = spec
        self.closed = False
        self.lport = 0
        self.rport = 0


class App:
    """What the scenario's applications on one host do, with every call's result logged."""

    def __init__(self, plan, host, t0):
        self.plan = plan
        self.host = host
        self.t0 = t0
        self.sel = selectors.DefaultSelector()
        self.timers = []  # (time, order, fn)
        self.order = 0
        self.conns = []   # application connections (connected or accepted), in order
        self.listeners = {}
        self.proc = {}
        self.out = []

    def ms(self):
        return "%.3f" % ((time.monotonic() - self.t0) * 1000)

    def log(self, c, call, result, value=0):
        local = remote = "-"
        if c is not None:
            try:
                local = "%s:%d" % c.sock.getsockname()
            except OSError:
                pass
            remote = c.peer
        self.out.append("\t".join(["app", self.ms(), self.host, local, remote, call, result, str(value)]))

    def at(self, ms, fn):
        heapq.heappush(self.timers, (self.t0 + ms / 1000.0, self.order, fn))
        self.order += 1

    def after(self, ms, fn):
        heapq.heappush(self.timers, (time.monotonic() + ms / 1000.0, self.order, fn))
        self.order += 1

    # -- actions

    def do(self, a):
        d = a["do"]
        if d == "listen":
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("0.0.0.0", a["port"]))
            s.listen(a["backlog"])
            s.setblocking(False)
            c = Conn(s, "*", a)
            self.listeners[a["port"]] = c
            self.log(c, "listen", "OK", a["backlog"])
            if a.get("accept", True):
                self.sel.register(s, selectors.EVENT_READ, ("accept", c))
        elif d == "connect":
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            # Bound first, so the tracepoint's SYN_SENT already carries the port.
            me = [h["addr"] for h in self.plan["hosts"] if h["name"] == self.host][0]
            s.bind((me, a.get("from_port", 0)))
            s.setblocking(False)
            host, port = a["to"].rsplit(":", 1)
            c = Conn(s, a["to"], a)
            err = s.connect_ex((host, int(port)))
            if err not in (0, errno.EINPROGRESS):
                self.log(c, "connect", errno.errorcode.get(err, str(err)))
                return
            self.sel.register(s, selectors.EVENT_WRITE, ("connecting", c))
        elif d == "send":
            for c in self.matching(a.get("port", 0)):
                self.send(c, a["bytes"])
        elif d == "close":
            if a.get("listener", 0) > 0:
                c = self.listeners.pop(a["listener"], None)
                if c is not None:
                    self.unregister(c)
                    self.log(c, "close", "OK")
                    c.sock.close()
                return
            for c in self.matching(a.get("port", 0)):
                self.close(c)
        elif d == "abort":
            for c in self.matching(a.get("port", 0)):
                self.close(c, abort=True)
        elif d == "flood":
            pass  # the relay sends the flood (raw SYNs from spoofed addresses)
        elif d == "restart":
            # The machine crashes: its connections are gone. The relay keeps the host dark
            # meanwhile, so the RST of this abortive close never leaves it.
            self.log(None, "restart", "OK")
            for c in list(self.conns) + list(self.listeners.values()):
                if not c.closed:
                    c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.unregister(c)
                    c.closed = True
                    c.sock.close()
            self.listeners.clear()

    def matching(self, port):
        return [c for c in self.conns if not c.closed and (port == 0 or c.lport == port or c.rport == port)]

    def unregister(self, c):
        try:
            self.sel.unregister(c.sock)
        except (KeyError, ValueError):
            pass

    def send(self, c, n):
        try:
            c.sock.sendall(b"x" * n)
        except BlockingIOError:
            pass
        except OSError as e:
            self.log(c, "send", errno.errorcode.get(e.errno, str(e)), n)

    def close(self, c, abort=False):
        if c.closed:
            return
        if abort:
            c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.unregister(c)
        c.closed = True
        self.log(c, "abort" if abort else "close", "OK")
        c.sock.close()

    def started(self, c):
        """A connection is open (connected or accepted): the application starts on it."""
        c.lport = c.sock.getsockname()[1]
        c.rport = int(c.peer.rsplit(":", 1)[1])
        self.conns.append(c)
        spec = c.spec
        reads = spec.get("reads", "always")
        if reads == "always":
            self.sel.register(c.sock, selectors.EVENT_READ, ("read", c))
        elif reads != "never":
            self.after(float(reads), lambda: None if c.closed else self.sel.register(c.sock, selectors.EVENT_READ, ("read", c)))
        if spec.get("send", 0) > 0:
            self.send(c, spec["send"])
        if spec.get("close_after_ms", -1) >= 0:
            self.after(spec["close_after_ms"], lambda: self.close(c))

    def ready(self, kind, c):
        s = c.sock
        if kind == "accept":
            try:
                ns, peer = s.accept()
            except BlockingIOError:
                return
            ns.setblocking(False)
            n = Conn(ns, "%s:%d" % peer, c.spec)
            self.log(n, "accept", "accepted")
            self.started(n)
        elif kind == "connecting":
            self.unregister(c)
            err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                self.log(c, "connect", errno.errorcode.get(err, str(err)))
                c.closed = True
                return
            self.log(c, "connect", "OK")
            self.started(c)
        elif kind == "read":
            try:
                data = s.recv(65536)
            except BlockingIOError:
                return
            except OSError as e:
                self.log(c, "read", errno.errorcode.get(e.errno, str(e)))
                self.unregister(c)
                return
            if not data:
                self.log(c, "read", "EOF")
                self.unregister(c)
                ms = c.spec.get("close_after_eof_ms", -1)
                if ms >= 0:
                    self.after(ms, lambda: self.close(c))
                return
            self.log(c, "read", "OK", len(data))
            if c.spec.get("reply", 0) > 0:
                self.send(c, c.spec["reply"])

    # -- /proc/net/tcp: the minisockets the tracepoint does not show

    def poll_proc(self):
        seen = {}
        with open("/proc/net/tcp") as fh:
            next(fh)
            for line in fh:
                p = line.split()
                local, remote, st = p[1], p[2], int(p[3], 16)
                tr, when = p[5].split(":")
                # inode 0: a minisocket (request or timewait socket) or an orphan; a full
                # socket that becomes a timewait socket keeps its state but loses its inode.
                seen[(local, remote)] = (PROC_STATES.get(st, str(st)),
                                         int(when, 16) * 1000 // USER_HZ if tr != "00" else -1, p[9] == "0")
        # Stamped once read: what it shows had happened by then.
        now = self.ms()
        for key, (st, timer, mini) in seen.items():
            old = self.proc.get(key)
            if old is None or old[0] != st or old[2] != mini:
                self.out.append("\t".join(["poll", now, self.host, addr(key[0]), addr(key[1]), st, str(timer),
                                           "mini" if mini else "full"]))
        for key in self.proc:
            if key not in seen:
                self.out.append("\t".join(["poll", now, self.host, addr(key[0]), addr(key[1]), "gone", "-1", "-"]))
        self.proc = seen

    def main(self):
        realtime()
        for a in self.plan["actions"]:
            if a["host"] == self.host:
                self.at(a["at_ms"], lambda a=a: self.do(a))
        stop = []
        signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
        while not stop:
            now = time.monotonic()
            while self.timers and self.timers[0][0] <= now:
                _, _, fn = heapq.heappop(self.timers)
                fn()
            timeout = 0.002
            if self.timers:
                timeout = max(0, min(timeout, self.timers[0][0] - now))
            try:
                events = self.sel.select(timeout) if self.sel.get_map() else (time.sleep(timeout) or [])
            except InterruptedError:
                events = []
            for key, _ in events:
                kind, c = key.data
                self.ready(kind, c)
            if now >= self.t0:
                self.poll_proc()
        sys.stdout.write("\n".join(self.out) + "\n")
        sys.stdout.flush()


def addr(hexaddr):
    a, p = hexaddr.split(":")
    return "%s:%d" % (socket.inet_ntoa(struct.pack("<I", int(a, 16))), int(p, 16))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "run":
        run(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == "app":
        with open(sys.argv[2]) as fh:
            App(json.load(fh), sys.argv[3], float(sys.argv[4])).main()
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
