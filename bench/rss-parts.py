#!/usr/bin/env python3
"""Where a running agent's resident memory is: /proc/PID/smaps grouped by kind of mapping.

Usage: bench/rss-parts.py PID   (run it against the off and the on agent of bench/rss.sh and
compare). Heuristics for a 64-bit Linux JVM with a heap under 4 GB: the Java heap is the range
just below 4 GB; executable anonymous mappings are the JIT's code cache; 64 MB-aligned anonymous
mappings are glibc's malloc arenas; 240-256 KB ones are thread stacks (-Xss256k); the rest of
the anonymous memory is mostly metaspace and class space (figures from jcmd GC.heap_info).
"""
import re
import subprocess
import sys

pid = sys.argv[1]
rows = []
for line in open(f"/proc/{pid}/smaps"):
    m = re.match(r"^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$", line)
    if m:
        rows.append([int(m.group(1), 16), int(m.group(2), 16), m.group(3), m.group(4).strip(), 0])
    elif line.startswith("Rss:"):
        rows[-1][4] = int(line.split()[1])

parts = {}
for start, end, perm, name, rss in rows:
    size = (end - start) // 1024
    if (4 << 30) - (4 << 30) // 4 <= start < (4 << 30) and not name:
        part = "Java heap"
    elif name.startswith("/"):
        part = "mapped files (libjvm, class-data archive, jar, modules)"
    elif name:
        part = name
    elif "x" in perm:
        part = "code cache"
    elif start % (64 << 20) == 0:
        part = "malloc arenas"
    elif size in (240, 252, 256):
        part = "thread stacks"
    else:
        part = "other anonymous (metaspace, class space, GC structures)"
    parts[part] = parts.get(part, 0) + rss
for part, kb in sorted(parts.items(), key=lambda p: -p[1]):
    if kb:
        print(f"{kb:8d} kB  {part}")
info = subprocess.run(["jcmd", pid, "GC.heap_info"], capture_output=True, text=True).stdout
for m in re.finditer(r"(Metaspace|class space)\s+used (\d+)K, committed (\d+)K", info):
    print(f"{m.group(1)}: used {m.group(2)} kB, committed {m.group(3)} kB")
status = open(f"/proc/{pid}/status").read()
print(" ".join(re.search(rf"{k}:\s+\d+( kB)?", status).group(0) for k in ("VmRSS", "Threads")))
