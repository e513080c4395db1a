#!/usr/bin/env python3
"""The search check: builds the bundled site with its Pagefind index, serves it on
127.0.0.1 and searches it in headless Chromium, as a reader does.

Checks that on /ja/search/ 「兼業」 finds section 3.2 of issue 3 (a link to its anchor),
「PSIRT」 finds issue 1, the member filter 下村委員 gives exactly his two comments (each
linking to the comment on its issue's page), and on /en/search/ "Plus Security" finds
results. Ends with `N passed, N failed` and exits 1 when a check fails.
Run through `scripts/pagecheck --search`, which sets up the browser and Selenium;
the build needs Pagefind (scripts/bootstrap installs it into .venv-search/).
"""
import argparse
import pathlib
import signal
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from pagecheck import Server, browser, locate_shingi, run  # noqa: E402


def results(driver, timeout=20):
    """The result links once the status line says how many were found: [(text, href)]."""
    from selenium.webdriver.common.by import By
    deadline = time.time() + timeout
    while time.time() < deadline:
        status = driver.find_element(By.CSS_SELECTOR, "[data-search-status]").text
        if status and not status.endswith("…"):
            break
        time.sleep(0.1)
    links = driver.find_elements(By.CSS_SELECTOR, ".search-results a")
    return status, [(a.text, a.get_attribute("href")) for a in links]


def search(driver, query, member=None):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
    # The form is shown once Pagefind has loaded and the filters are filled.
    WebDriverWait(driver, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-search-form]").is_displayed())
    field = driver.find_element(By.ID, "search-query")
    field.clear()
    if member is not None:
        Select(driver.find_element(By.CSS_SELECTOR, "select[data-filter=member]")).select_by_visible_text(member)
    # The status is cleared first, so that the next one read is this search's.
    driver.execute_script("document.querySelector('[data-search-status]').textContent = ''")
    field.send_keys(query)
    if not query:
        driver.execute_script("document.querySelector('[data-search-form]').requestSubmit()")
    return results(driver)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shingi", default=None, help="the shingi binary (default: .build/release, else .build/debug)")
    parser.add_argument("--root", default=".", help="the bundled site's root")
    args = parser.parse_args()
    root = pathlib.Path(args.root).resolve()
    shingi = locate_shingi(args.shingi, root, "searchcheck")
    passed = failed = 0

    def check(name, ok, detail):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok   {name}")
        else:
            failed += 1
            print(f"FAIL {name}\n    {detail}")

    with tempfile.TemporaryDirectory(prefix="searchcheck-") as tmp:
        site = pathlib.Path(tmp) / "site"
        built = run([shingi, "build", "--root", root, "--out", site, "--no-cache"])
        print(built.stdout.strip())
        if not (site / "pagefind" / "pagefind.js").exists():
            print(built.stderr.strip())
            print("FAIL the build made no search index (is Pagefind installed? run scripts/bootstrap)")
            print("0 passed, 1 failed")
            return 1
        server = Server(site)
        driver = browser()
        try:
            driver.get(server.base + "ja/search/")
            status, links = search(driver, "兼業")
            check("ja 「兼業」 links to a section of 3.2 on issue 3",
                  any("/ja/issues/3/#3.2" in href for _, href in links), f"{status}: {links[:8]}")
            status, links = search(driver, "PSIRT")
            check("ja 「PSIRT」 finds issue 1", any(href.endswith("/ja/issues/1/") or "/ja/issues/1/#" in href for _, href in links),
                  f"{status}: {links[:8]}")
            status, links = search(driver, "", member="下村委員")
            check("ja member filter 下村委員 gives exactly his two comments",
                  len(links) == 2 and all("#comment-" in href and "shimomura" in href for _, href in links),
                  f"{status}: {links}")
            driver.get(server.base + "en/search/")
            status, links = search(driver, "Plus Security")
            check("en \"Plus Security\" finds results", len(links) > 0 and all("/en/" in href for _, href in links),
                  f"{status}: {links[:8]}")
            driver.get(server.base + "ja/search/?q=PSIRT")
            status, links = results(driver)
            check("ja the header's field (?q=) searches on arrival", any("/ja/issues/1/" in href for _, href in links),
                  f"{status}: {links[:8]}")
        finally:
            driver.quit()
            server.close()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main())
