#!/usr/bin/env python3
"""Save-to-reload latency of `shingi serve`.

    benchmarks/serve_reload.py SHINGI ROOT [--runs 10] [--port 0] [--template PATH] [--comment PATH]

Starts `SHINGI serve --root ROOT` on 127.0.0.1, subscribes to the live-reload event
stream (/_shingi/reload) as an open page does, then edits a file RUNS times and measures
the time from the end of the write (the file closed) to the arrival of the reload
event. Each edit is a real change (a counter in the text), so every one must reload.

Edits:
  comment   a comment's body: the first comments/<meeting>/<id>.en.md (or --comment)
  template  the theme's layout: ROOT/templates/layout.mustache, or that of the theme
            folder $SHINGI_THEME when the site has no templates/ (--template overrides)
  asset     the theme's stylesheet, assets/style.css beside that layout (with --only asset)

Each file is restored when the script ends. Prints median, min and max per edit kind,
and the server's own rebuild lines ("… rebuilt 4 of 2160 pages in 31 ms").
"""
import argparse
import os
import re
import select
import socket
import statistics
import subprocess
import sys
import time


def find_comment(root):
    base = os.path.join(root, "content", "comments")
    for folder in sorted(os.listdir(base)):
        path = os.path.join(base, folder)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if name.endswith(".en.md"):
                return os.path.join(path, name)
    sys.exit("no comment found under " + base)


def find_template(root, shingi, name="layout.mustache"):
    own = os.path.join(root, "templates", name)
    if os.path.exists(own):
        return own
    # The compiled-in theme is no file; serve watches a theme folder named by SHINGI_THEME.
    theme = os.environ.get("SHINGI_THEME")
    if theme and os.path.exists(os.path.join(theme, name)):
        return os.path.normpath(os.path.join(theme, name))
    sys.exit(f"no {name} found: the site has no templates/ and SHINGI_THEME names no theme folder; pass --template")


class Events:
    """A raw HTTP/1.1 connection to the SSE endpoint; yields each `event:` name as it arrives."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.sendall(
            f"GET /_shingi/reload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
        self.buffer = b""
        self.wait_for(b": connected", 30)

    def wait_for(self, needle, timeout):
        """Reads until `needle` is in the buffer; returns the arrival time (perf_counter)."""
        deadline = time.perf_counter() + timeout
        while needle not in self.buffer:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no {needle!r} within {timeout} s")
            ready, _, _ = select.select([self.sock], [], [], left)
            if ready:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise ConnectionError("the event stream closed")
                self.buffer += chunk
        arrived = time.perf_counter()
        self.buffer = self.buffer[self.buffer.index(needle) + len(needle):]
        return arrived

    def drain(self, quiet=0.3):
        """Discards whatever arrives until the stream has been quiet for `quiet` s."""
        while True:
            ready, _, _ = select.select([self.sock], [], [], quiet)
            if not ready:
                self.buffer = b""
                return
            if not self.sock.recv(65536):
                raise ConnectionError("the event stream closed")


def edit(path, original, n):
    """Writes `original` with a visible change numbered n, as an editor saves: in place."""
    text = original
    if path.endswith(".mustache"):
        marker = f"<!-- reload-benchmark {n} -->"
        text = text.replace("</body>", marker + "</body>", 1) if "</body>" in text else text + marker
    elif path.endswith(".css"):
        text += f"\n/* reload-benchmark {n} */\n"
    else:
        text = text.rstrip("\n") + f"\n\nReload benchmark edit {n}.\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return time.perf_counter()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shingi", help="the shingi binary")
    parser.add_argument("root", help="the site root")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--comment", help="the comment file to edit")
    parser.add_argument("--template", help="the template file to edit")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between edits")
    parser.add_argument("--only", choices=["comment", "template", "asset"], help="measure one kind of edit")
    args = parser.parse_args()

    port = args.port
    if port == 0:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    root = os.path.abspath(args.root)
    targets = []
    if args.only in (None, "comment"):
        targets.append(("comment", os.path.abspath(args.comment or find_comment(root))))
    if args.only in (None, "template"):
        targets.append(("template", os.path.abspath(args.template or find_template(root, args.shingi))))
    if args.only == "asset":
        targets.append(("asset", os.path.abspath(find_template(root, args.shingi, os.path.join("assets", "style.css")))))
    originals = {path: open(path, encoding="utf-8").read() for _, path in targets}

    log_path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"shingi-serve-reload-{os.getpid()}.log")
    log = open(log_path, "w+")
    started = time.perf_counter()
    server = subprocess.Popen([args.shingi, "serve", "--root", root, "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)
    results = {}
    try:
        # Wait for the first build and the listening socket.
        while True:
            if server.poll() is not None:
                log.seek(0)
                sys.exit("shingi serve stopped:\n" + log.read())
            log.seek(0)
            if "serving http://" in log.read():
                break
            if time.perf_counter() - started > 300:
                sys.exit("shingi serve did not start within 300 s")
            time.sleep(0.05)
        print(f"server ready after {time.perf_counter() - started:.1f} s (first build included); port {port}")
        events = Events(port)
        for kind, path in targets:
            times = []
            for n in range(1, args.runs + 1):
                events.drain()
                written = edit(path, originals[path], n)
                arrived = events.wait_for(b"event: reload", 60)
                times.append((arrived - written) * 1000)
                time.sleep(args.pause)
            # Put the file back and let that rebuild settle before the next kind.
            with open(path, "w", encoding="utf-8") as f:
                f.write(originals[path])
            events.wait_for(b"event: reload", 60)
            results[kind] = times
            print(f"{kind:8} {os.path.relpath(path, root) if path.startswith(root) else path}: "
                  f"median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms "
                  f"({len(times)} edits: {', '.join(f'{t:.0f}' for t in times)})")
    finally:
        for path, text in originals.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.seek(0)
        everything = [line.rstrip("\n") for line in log]
        lines = [line for line in everything if " changed: " in line]
        log.close()
        os.unlink(log_path)
    if os.environ.get("SHINGI_PROFILE") == "1":
        print("server log (SHINGI_PROFILE=1):")
        for line in everything:
            print("  " + line)
    if lines:
        print("server rebuild lines (last of each kind):")
        for kind, path in targets:
            name = os.path.basename(path)
            own = [line for line in lines if name in line]
            if own:
                print("  " + own[-1])
    return results


if __name__ == "__main__":
    main()
