"""Two people in the browser (Debian's chromium, driven by playwright) add notes to one retro at once.

The terminal in the page is drawn by xterm.js on a canvas, so the test types
with keyboard events and checks what matters: the bytes of the file and the
HTTP status codes.  A screenshot goes into the test's tmp folder.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright

from tests.serving import serving, wait_for

CHROMIUM = "/usr/bin/chromium"  # Debian's; playwright cannot download its own here (.ci/run installs it)


async def open_tab(page: Page, link: str) -> None:
    """Open the link and wait until the participant's editor has drawn its first frame; give it the keys."""
    response = await page.goto(link)
    assert response is not None and response.status == 200
    await page.wait_for_selector("body.-first-byte", timeout=30_000)
    await page.click(".textual-terminal")


async def test_two_browser_participants_both_land_their_notes_in_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serving(tmp_path) as served:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                forbidden = await (await browser.new_page()).goto(served.base + "/")
                assert forbidden is not None and forbidden.status == 403
                ana = await (await browser.new_context(viewport={"width": 1200, "height": 800})).new_page()
                ben = await (await browser.new_context(viewport={"width": 1200, "height": 800})).new_page()
                await open_tab(ana, served.join + "?name=Ana")
                await open_tab(ben, served.join + "?name=Ben")
                # `a` in the retro list adds an item to the section on screen (What Went Well); enter keeps it.
                for page, note in ((ana, "Pairing on the migration"), (ben, "Fast reviews")):
                    await page.keyboard.press("a")
                    await page.keyboard.type(note)
                    await page.keyboard.press("Enter")

                def both_landed() -> bool:
                    text = served.file.read_bytes()
                    return b"- Pairing on the migration\n" in text and b"- Fast reviews\n" in text

                wait_for(both_landed, "both notes in the file")
                shot = tmp_path / "two-participants.png"
                await ana.screenshot(path=str(shot))
                with capsys.disabled():
                    print(f"\nscreenshot of Ana's tab: {shot}")
            finally:
                await browser.close()
        code, _, err = served.stop(signal.SIGINT)
    text = served.file.read_bytes().decode("utf-8")
    assert text.count("- Pairing on the migration\n") == 1 and text.count("- Fast reviews\n") == 1
    assert "- The demo worked\n" in text and "| Write the runbook | Ana | 2026-12-05 | ☐ |" in text
    assert code == 0, err
    assert served.people() == [] and served.alive() == []
