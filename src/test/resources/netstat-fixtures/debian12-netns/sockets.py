# Opens TCP sockets in as many states as loopback and a dummy interface allow, then sleeps.
# Run inside a private network namespace (ip netns exec fx python3 sockets.py).
import socket, struct, time, os, sys

keep = []
def listener(addr, port, fam=socket.AF_INET, backlog=64):
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port)); s.listen(backlog); keep.append(s); return s

def pair(lst, addr, port, fam=socket.AF_INET, small=False):
    c = socket.socket(fam, socket.SOCK_STREAM)
    if small:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    c.connect((addr, port)); a, _ = lst.accept()
    if small:
        a.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    keep.extend([c, a]); return c, a

for port in (22, 80, 5432):
    listener('0.0.0.0', port)
web = listener('0.0.0.0', 8080)
l6 = listener('::', 8443, socket.AF_INET6)
# ESTABLISHED, with a non-zero Recv-Q on one side
c, a = pair(web, '127.0.0.1', 8080); c.send(b'x' * 1200)
pair(l6, '::1', 8443, socket.AF_INET6)
# FIN_WAIT2 (server closed) / CLOSE_WAIT (client did not)
c, a = pair(web, '127.0.0.1', 8080); a.close(); keep.remove(a)
# TIME_WAIT: client closes first
for _ in range(2):
    c, a = pair(web, '127.0.0.1', 8080); c.close(); time.sleep(0.05); a.close(); keep.remove(a); keep.remove(c)
# FIN_WAIT1: client fills the server's window, then closes with data still queued
slow = listener('127.0.0.1', 9000)
c = socket.socket(); c.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
c.connect(('127.0.0.1', 9000)); a, _ = slow.accept(); keep.append(a)
c.setblocking(False)
try:
    while True: c.send(b'y' * 65536)
except BlockingIOError:
    pass
c.close()
# LAST_ACK: B half-closes (FIN_WAIT2, still receiving), A fills B's window then closes
lst = listener('127.0.0.1', 9001)
b = socket.socket(); b.connect(('127.0.0.1', 9001)); a, _ = lst.accept(); keep.append(b)
b.shutdown(socket.SHUT_WR); time.sleep(0.05)
a.setblocking(False)
try:
    while True: a.send(b'z' * 65536)
except BlockingIOError:
    pass
a.close()
# SYN_SENT: a peer on a dummy interface that never answers
for i in range(2, 5):
    s = socket.socket(); s.setblocking(False)
    try: s.connect(('10.9.9.%d' % i, 443))
    except BlockingIOError: pass
    keep.append(s)
# SYN_RECV: a SYN from a peer behind the dummy interface, through a raw socket
def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return ~s & 0xffff
def syn(src, dst, sport, dport):
    tcp = struct.pack('!HHLLBBHHH', sport, dport, 1000, 0, 5 << 4, 0x02, 64240, 0, 0)
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack('!BBH', 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack('!H', csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, socket.inet_aton(src), socket.inet_aton(dst))
    return ip + tcp
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
for sport in (40001, 40002):
    r.sendto(syn('10.9.9.7', '10.9.9.1', sport, 80), ('10.9.9.1', 0))
# A long IPv6 address: net-tools cuts it without -W
l7 = listener('2001:db8:aaaa:bbbb:cccc:dddd:eeee:1', 5000, socket.AF_INET6)
pair(l7, '2001:db8:aaaa:bbbb:cccc:dddd:eeee:1', 5000, socket.AF_INET6)
# UDP
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('0.0.0.0', 5353)); keep.append(u)
print('ready', flush=True)
time.sleep(float(sys.argv[1]) if len(sys.argv) > 1 else 600)
