#!/usr/bin/env python3
"""Peak memory of a command's whole process tree (the command and every process it starts).

    benchmarks/tree_peak.py [--interval 0.02] -- COMMAND [ARG ...]

GNU time's %M is the largest single process; shingi parses Markdown in worker processes, so
its memory is the main process's plus its workers'. This polls /proc every interval and
sums the resident set size (VmRSS) of the command and all its descendants, then prints
the largest sum seen and the largest single process, in MB, with the wall time:

    tree peak RSS 512.3 MB; largest process 430.1 MB; 9.21 s

A sampled peak can miss a spike shorter than the interval: it is a lower bound. Linux only.
"""
import os
import subprocess
import sys
import time


def children_map():
    """ppid -> [pid] for every process now."""
    tree = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: the fields follow the last ')'.
        fields = stat[stat.rfind(b")") + 2:].split()
        tree.setdefault(int(fields[1]), []).append(int(name))
    return tree


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    args = sys.argv[1:]
    interval = 0.02
    if args[:1] == ["--interval"]:
        interval = float(args[1])
        args = args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        sys.exit(__doc__)
    start = time.monotonic()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_tree = peak_one = 0
    while child.poll() is None:
        tree = children_map()
        pids, todo = [], [child.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            todo += tree.get(pid, [])
        sizes = [rss_kb(pid) for pid in pids]
        peak_tree = max(peak_tree, sum(sizes))
        peak_one = max(peak_one, max(sizes, default=0))
        time.sleep(interval)
    wall = time.monotonic() - start
    print(f"tree peak RSS {peak_tree / 1024:.1f} MB; largest process {peak_one / 1024:.1f} MB; {wall:.2f} s")
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
