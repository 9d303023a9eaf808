"""`seminars serve` in a real browser: headless Chromium (Debian's chromium + chromium-driver)
driven by selenium. Screenshots go to tests/artifacts/. Skips, saying why, where no browser
is installed; .ci/run installs one."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from tests.corpus import CORPUS
from tests.test_serve import SEED_TITLE, Server, build_store

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

NO_BROWSER = "no chromium/chromedriver: apt-get install chromium chromium-driver"
if os.environ.get("SEMINARS_REQUIRE_BROWSER") and not (CHROMIUM and DRIVER):
    raise RuntimeError(NO_BROWSER + " (SEMINARS_REQUIRE_BROWSER is set: CI must run these)")

pytestmark = [
    pytest.mark.skipif(not (CHROMIUM and DRIVER), reason=NO_BROWSER),
    pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent (the seed talk)"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    server = Server(build_store(tmp), tmp / "serve.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    # Without the background-networking flags Chromium's own traffic has connections refused
    # here many at a time; a fresh profile keeps runs independent.
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
                 f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    opts.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "safebrowsing.enabled": False})
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=opts)
    driver.implicitly_wait(5)
    driver.downloads = downloads
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def shot(driver, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"serve-{name}.png"))


def settle(driver, done, timeout: float = 15) -> None:
    """Wait until ``done(driver)`` holds (a navigation finished); the asserts after it say what
    went wrong if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not done(driver):
        time.sleep(0.1)
    driver.find_element("tag name", "body")  # and the new document is there


def wait_for_file(folder: Path, suffix: str, timeout: float = 20) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # Chromium may create the target name empty before the download (".crdownload") is
        # renamed over it: a file counts once it has content and no download is in flight
        files = list(folder.iterdir())
        done = [p for p in files if p.suffix == suffix and p.stat().st_size > 0]
        if done and not any(p.suffix == ".crdownload" for p in files):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} download in {folder}: {list(folder.iterdir())}")


def test_search_open_talk_facet_and_downloads(site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(site.base + "/")
    index = browser.current_url
    browser.find_element(By.LINK_TEXT, "talks").click()
    settle(browser, lambda d: d.current_url != index)
    box = browser.find_element(By.CSS_SELECTOR, 'input[name="_search"]')
    box.send_keys("Schotthöfer", Keys.ENTER)
    # the old page's rows stay findable until the new page replaces them: wait for the new URL
    settle(browser, lambda d: "_search=" in d.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert len(rows) == 1 and "Steffen Schotthoefer" in rows[0].text
    shot(browser, "1-search")

    browser.find_element(By.LINK_TEXT, SEED_TITLE).click()
    assert browser.find_element(By.ID, "talk-title").text == SEED_TITLE
    occ = browser.find_elements(By.CSS_SELECTOR, "tr.occurrence")
    assert [o.find_element(By.CLASS_NAME, "institution").text for o in occ] == ["LANL", "ORNL"]
    assert "14:00–15:00 MDT" in occ[0].text and "10:00–11:00 EST" in occ[1].text
    reasons = browser.find_element(By.ID, "merge-reasons").text
    assert "2 occurrence(s), 2 record(s)" in reasons and "same title" in reasons
    shot(browser, "2-talk")

    browser.find_element(By.LINK_TEXT, "talks").click()
    facet = browser.find_element(By.CSS_SELECTOR, '[data-column="institution"]')
    facet.find_element(By.PARTIAL_LINK_TEXT, "LANL").click()
    settle(browser, lambda d: "institution__arraycontains=LANL" in d.current_url)
    assert "institution__arraycontains=LANL" in browser.current_url
    lanl_rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert lanl_rows and all("LANL" in r.text for r in lanl_rows)
    shot(browser, "3-facet")

    ics_link = browser.find_element(By.CSS_SELECTOR, 'a[href*="talks.ics"]')
    csv_href = browser.find_element(By.CSS_SELECTOR, 'a[href*="talks.csv"]').get_attribute("href")
    ics_link.click()
    ics = wait_for_file(browser.downloads, ".ics").read_text(encoding="utf-8")
    browser.get(csv_href + ("&" if "?" in csv_href else "?") + "_dl=1")
    table = list(csv.DictReader(io.StringIO(
        wait_for_file(browser.downloads, ".csv").read_text(encoding="utf-8"))))
    assert len(table) == len(lanl_rows) and all("LANL" in r["institutions"] for r in table)
    seed = next(r for r in table if r["title"] == SEED_TITLE)
    assert seed["n_occurrences"] == "2" and seed["institutions"] == "LANL; ORNL"
    # the feed holds every occurrence of the filtered talks, the seed talk's at both venues
    from icalendar import Calendar

    events = list(Calendar.from_ical(ics).walk("VEVENT"))
    assert len(events) == sum(int(r["n_occurrences"]) for r in table if r["dates"])
    seed_events = [e for e in events if str(e["SUMMARY"]) == SEED_TITLE]
    assert sorted(str(e["DTSTART"].params["TZID"]) for e in seed_events) == [
        "America/Denver", "America/New_York"]
    assert all(str(e["UID"]).endswith("@seminars") and "SEQUENCE" in e for e in events)
