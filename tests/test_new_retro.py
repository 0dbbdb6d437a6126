"""A new retro in someone else's file looks like theirs: heading pattern, sections, order, templates."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from retrotui import dumps, loads
from retrotui.builder import HiddenRetro, add_retro, plan_heading
from retrotui.cli import main
from retrotui.heading_style import next_title, read_pattern
from retrotui.model import SectionKind
from retrotui.templates import NEW_FILE, TEMPLATES, new_file_text, prompts_for, template_named
from tests.conftest import SAMPLES, changed_lines, read_exact

TODAY = dt.date(2026, 1, 12)
SEED = read_exact(SAMPLES / "volcano-retrospective.md")

# A team's running log, newest first, dated dd/mm/yyyy, with its own sections and an "N/A" for nothing.
DATED_LOG = """\
# Platform team retros

## Retro Action Items - 26/01/2022

### Went well

- Shipped the importer

### To improve

N/A

### Action Items

| Item | Owner | Due Date | Status |
|------|-------|----------|--------|
| Fix the flaky CI job | Ana | 2022-02-02 | ☐ |
| Book the room | Bo | 2022-02-02 | ☑ |

## Retro Action Items - 12/01/2022

### Went well

- Kick-off went fine

### To improve

- Too many meetings

### Action Items

| Item | Owner | Due Date | Status |
|------|-------|----------|--------|
| Write the importer | Ana | 2022-01-19 | ☑ |
"""

NEW_BLOCK = """\
## Retro Action Items - 12/01/2026

### Went well

N/A

### To improve

N/A

### Action Items

| Item | Owner | Due Date | Status |
|------|-------|----------|--------|
| Fix the flaky CI job (from Retro Action Items - 26/01/2022) | Ana | 2022-02-02 | ☐ |

"""


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv, today=TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str, name: str = "RETRO.md") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_ctrl_n_on_a_newest_first_dated_log_goes_on_top_in_its_own_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, DATED_LOG)
    code, out, err = run(["new", str(path)], capsys)
    assert (code, err) == (0, "")
    after = read_exact(path)
    assert after == DATED_LOG.replace(
        "## Retro Action Items - 26/01/2022", NEW_BLOCK + "## Retro Action Items - 26/01/2022"
    )
    assert out.splitlines()[0] == (
        f"Added 'Retro Action Items - 12/01/2026' to {path} above 'Retro Action Items - 26/01/2022' (newest first)."
    )


def test_the_headless_builder_gives_the_same_block() -> None:
    doc = loads(DATED_LOG)
    heading = plan_heading(doc, None, TODAY)
    assert (heading.text, heading.level) == ("Retro Action Items - 12/01/2026", 2)
    retro = add_retro(doc, None, TODAY, carry_over=True)
    assert doc.retros[0] is retro
    assert [s.title for s in retro.sections] == ["Went well", "To improve", "Action Items"]
    assert dumps(doc) == DATED_LOG.replace(
        "## Retro Action Items - 26/01/2022", NEW_BLOCK + "## Retro Action Items - 26/01/2022"
    )


def test_a_typed_title_gets_the_files_date_pattern() -> None:
    doc = loads(DATED_LOG)
    assert plan_heading(doc, "Planning retro", TODAY).text == "Planning retro - 12/01/2026"
    assert plan_heading(doc, "Retro on 1/2/2026", TODAY).text == "Retro on 1/2/2026"  # a date typed is kept


def test_repeating_new_three_times_piles_up_no_blank_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = "# Retros\n\n## 04/27/2017\n\n### Ideas\n\n- Pair on docs\n\n### Actions\n\n- Keep distilling docs\n"
    path = write(tmp_path, log)
    for day in (12, 26):
        assert run(["new", str(path), "--date", f"2026-01-{day}"], capsys)[0] == 0
    assert run(["new", str(path), "--date", "2026-02-09"], capsys)[0] == 0
    after = read_exact(path)
    carried = "\n- Keep distilling docs (from 04/27/2017)\n"  # the Actions list's open item goes along
    assert after == log + (
        "\n## 01/12/2026\n\n### Ideas\n\n### Actions\n"
        + carried
        + "\n## 01/26/2026\n\n### Ideas\n\n### Actions\n"
        + carried
        + "\n## 02/09/2026\n\n### Ideas\n\n### Actions\n"
        + carried
    )


@pytest.mark.parametrize(
    ("ending", "expected_tail"),
    [
        ("\n", "### 6. Follow-Up\n"),
        ("\n\n\n", "### 6. Follow-Up\n"),
        ("", "### 6. Follow-Up"),
    ],
)
def test_the_file_end_stays_as_it_was_after_three_new_retros(
    ending: str, expected_tail: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, SEED.rstrip("\n") + ending)
    for n in (1, 2, 3):
        assert run(["new", str(path), "--date", f"2025-11-0{n}"], capsys)[0] == 0
    after = read_exact(path)
    assert after.endswith(
        "## Sprint 3 (2025-11-03)\n\n### 1. Summary\n\n### 2. What Went Well\n\n"
        + (
            "### 3. What Could Improve\n\n### 4. Action Items\n\n| Item | Owner | Due Date | Status |\n"
            "|------|-------|----------|--------|\n"
        )
        + "| Export baseline Prometheus + Temporal metrics per plan (from Sprint 0) | Platform Eng | 2025-10-24 | ☐ |\n"
        "| Review queue hierarchy with platform leadership (from Sprint 0) | Platform Lead | 2025-10-22 | ☐ |\n\n"
        "### 5. Metrics & Evidence\n\n" + expected_tail
    )
    assert after.startswith(SEED.rstrip("\n") + ending)
    added = after[len(SEED.rstrip("\n") + ending) :]
    assert "\n\n\n" not in added and added.count("## Sprint") == 3
    assert [r.title for r in loads(after).retros] == [
        "Sprint 0 – Discovery & Alignment",
        "Sprint 1",
        "Sprint 2",
        "Sprint 3",
    ]


def test_new_retros_never_write_placeholder_bullets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, SEED)
    assert run(["new", str(path), "--title", "Sprint 1 – Queue Hierarchy", "--date", "2025-10-31"], capsys)[0] == 0
    _removed, added = changed_lines(SEED, read_exact(path))
    assert [line for line in added if re.fullmatch(r"\s*[-*+]\s*", line) or line != line.rstrip()] == []
    assert "## Sprint 1 – Queue Hierarchy (2025-10-31)" in added


def test_the_seed_keeps_its_iso_date_tail_and_numbering(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "multi.md"
    shutil.copyfile(SAMPLES / "volcano-multi-sprint.md", path)
    code, out, _ = run(["new", str(path)], capsys)
    assert code == 0 and out.startswith(f"Added 'Sprint 5' (2026-01-12) to {path} after 'Sprint 4 – Hardening'.")
    retro = loads(read_exact(path)).retros[-1]
    assert (retro.title, retro.date) == ("Sprint 5", TODAY)
    assert [s.kind for s in retro.sections] == list(SectionKind)


@pytest.mark.parametrize(
    ("latest", "others", "today", "expected"),
    [
        (
            "Retro Action Items - 12/01/2022",
            ["Retro Action Items - 26/01/2022"],
            None,
            "Retro Action Items - 12/01/2026",
        ),
        ("Retro - 01/26/2022", [], None, "Retro - 01/12/2026"),
        # Neither number over 12: the reading that puts the latest retro just before today wins...
        ("Retro - 03/02/2022", ["Retro - 01/02/2022"], dt.date(2022, 2, 10), "Retro - 12/01/2026"),
        ("Retro - 03/02/2022", ["Retro - 01/02/2022"], dt.date(2022, 3, 10), "Retro - 01/12/2026"),
        # ... and with nothing to decide, day first.
        ("Retro - 03/02/2022", [], None, "Retro - 12/01/2026"),
        ("Sprint 3 (16/12/19 - 20/12/19)", [], None, "Sprint 4 (12/01/26 - 16/01/26)"),
        ("Sprint 3 3.12.2024", [], None, "Sprint 4 12.1.2026"),
        ("Sprint 3 03.12.2024", [], None, "Sprint 4 12.01.2026"),
        ("Retro — Oct 17, 2025", [], None, "Retro — Jan 12, 2026"),
        ("17 October 2025: Planning", [], None, "12 January 2026: Planning"),
        ("March 3rd, 2025 retro", [], None, "January 12th, 2026 retro"),
        ("Sprint 0 – Discovery (2025-10-17)", [], None, "Sprint 1 (2026-01-12)"),
        ("2020-03-19", [], None, "2026-01-12"),
        ("Sprint 1 (2025-5-9)", [], None, "Sprint 2 (2026-1-12)"),
        ("Sprint 04 - 2025/10/17", [], None, "Sprint 05 - 2026/01/12"),
        ("Date of Retrospective: 04/20/21", [], None, "Date of Retrospective: 01/12/26"),
    ],
)
def test_the_next_heading_follows_the_date_format_and_numbering(
    latest: str, others: list[str], today: dt.date | None, expected: str
) -> None:
    pattern = read_pattern(latest, [latest, *others], today)
    assert pattern is not None
    assert pattern.heading(next_title(pattern.title), TODAY) == expected


def test_next_title_bumps_the_sprint_number_and_drops_the_subtitle() -> None:
    assert next_title("Sprint 4 – Hardening") == "Sprint 5"
    assert next_title("Iteration #9 retro") == "Iteration #10 retro"
    assert next_title("Team retro") == "Team retro"


def test_the_suggested_title_never_carries_the_files_control_characters() -> None:
    """The new-retro dialog offered "Sprint 2 \x1b]0;T\x07" after a hostile title, and Enter wrote the ESC
    and BEL into the new heading."""
    doc = loads("# R\n\n## Sprint 1 \x1b]0;T\x07 (2025-01-06)\n\n### Summary\n\n- x\n")
    suggested = plan_heading(doc, None, dt.date(2025, 1, 20))
    assert not re.search("[\x00-\x1f\x7f-\x9f]", suggested.text), suggested
    assert suggested.text.startswith("Sprint 2")
    assert next_title("Retro\x9b2J") == "Retro3J"


def test_an_undated_numbered_file_gets_no_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "## Sprint 1\n\n### Start\n\n- x\n\n### Stop\n\n- y\n")
    code, out, _ = run(["new", str(path)], capsys)
    assert code == 0 and out == f"Added 'Sprint 2' to {path} after 'Sprint 1'.\n"
    assert read_exact(path).endswith("- y\n\n## Sprint 2\n\n### Start\n\n### Stop\n")


def test_a_retro_with_the_suggested_title_already_there_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "## Team retro\n\n### Start\n\n- x\n"
    path = write(tmp_path, text)
    code, out, err = run(["new", str(path)], capsys)
    assert (code, out) == (1, "")
    assert (
        err
        == f"retrotui: {path} already has a retro called 'Team retro' (give one with --title); nothing was written\n"
    )
    assert read_exact(path) == text


def test_crlf_files_get_crlf_retros(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, DATED_LOG.replace("\n", "\r\n"))
    assert run(["new", str(path)], capsys)[0] == 0
    after = read_exact(path)
    assert after.count("\n") == after.count("\r\n")
    assert after.startswith("# Platform team retros\r\n\r\n## Retro Action Items - 12/01/2026\r\n")


# -- templates -------------------------------------------------------------------------------


def test_the_well_known_formats_are_offered_with_names_and_descriptions() -> None:
    assert [(t.name, t.label) for t in TEMPLATES] == [
        ("six-sections", "Six sections"),
        ("start-stop-continue", "Start / Stop / Continue"),
        ("4ls", "4Ls"),
        ("mad-sad-glad", "Mad / Sad / Glad"),
        ("sailboat", "Sailboat"),
    ]
    assert all(t.description and any(s.actions for s in t.sections) for t in TEMPLATES)
    assert template_named("Mad / Sad / Glad").name == "mad-sad-glad"
    with pytest.raises(KeyError, match="choose one of: six-sections, start-stop-continue"):
        template_named("kanban")


def test_templates_command_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["templates"], capsys)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [t.name for t in TEMPLATES]
    assert "Sailboat: Wind that pushes us" in out


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_a_new_file_from_each_template(template: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from retrotui.templates import RetroTemplate

    assert isinstance(template, RetroTemplate)
    path = tmp_path / "RETRO.md"
    code, out, _ = run(["new", str(path), "--template", template.name], capsys)
    assert code == 0 and out.splitlines()[0] == f"Created {path} from the {template.name} template."
    doc = loads(read_exact(path))
    assert doc.template is not None
    expected = [s.title for s in template.sections]
    assert [s.title for s in doc.template.sections] == expected
    (retro,) = doc.retros
    assert (retro.title, retro.date) == ("Retro 1", TODAY)
    assert [s.title for s in retro.sections] == expected
    assert retro.action_list is not None and retro.action_items == []
    assert doc.warnings == []
    # The prompts live in the template and are offered for the retro's empty sections.
    first = retro.sections[0]
    assert prompts_for(doc, first) == list(template.sections[0].prompts)
    assert run(["new", str(path)], capsys)[0] == 0
    assert [r.title for r in loads(read_exact(path)).retros] == ["Retro 1", "Retro 2"]


def test_an_existing_file_can_take_another_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, SEED)
    assert run(["new", str(path), "--template", "4ls", "--title", "Sprint 1"], capsys)[0] == 0
    retro = loads(read_exact(path)).retros[-1]
    assert [s.title for s in retro.sections] == ["Liked", "Learned", "Lacked", "Longed For", "Action Items"]
    assert [a.item for a in retro.action_items] == [
        "Export baseline Prometheus + Temporal metrics per plan (from Sprint 0)",
        "Review queue hierarchy with platform leadership (from Sprint 0)",
    ]


def test_the_editors_new_file_is_the_six_section_template() -> None:
    doc = loads(NEW_FILE.format(today="2026-01-12"))
    assert doc.template is not None and [s.kind for s in doc.template.sections] == list(SectionKind)
    assert NEW_FILE.format(today="2026-01-12") == new_file_text(template_named("six-sections"), "2026-01-12")
    assert not re.search(r"[ \t]$", NEW_FILE, re.MULTILINE)


def test_prompts_come_from_the_files_template_then_the_well_known_formats() -> None:
    doc = loads(SEED)
    retro = add_retro(doc, "Sprint 1", dt.date(2025, 10, 31))
    summary, went_well = retro.sections[0], retro.sections[1]
    assert prompts_for(doc, summary) == ["What was shipped?", "Which environments were affected?"]
    # The seed's template leaves it blank: the well-known six sections have words for it.
    assert prompts_for(doc, went_well) == ["What helped us deliver?", "What should we keep doing?"]
    other = loads("## Sprint 1\n\n### Start\n\n### Glad\n\n### Whatever\n")
    start, glad, whatever = other.retros[0].sections
    assert prompts_for(other, start) == ["What should we start doing?"]
    assert prompts_for(other, glad) == ["What made us happy?"]
    assert prompts_for(other, whatever) == []


def test_new_into_a_missing_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere" / "RETRO.md"
    code, out, err = run(["new", str(path)], capsys)
    assert (code, out) == (2, "")
    assert err == f"retrotui: {path}: folder {path.parent} does not exist\n"


def test_a_task_list_file_gets_its_own_list_style(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "# R\n\n## Sprint 1 (2025-01-01)\n\n### Went well\n\n* ok\n\n### Actions\n\n* [ ] Fix it @ana\n* [x] Done thing\n"
    path = write(tmp_path, text)
    assert run(["new", str(path), "--date", "2025-01-15"], capsys)[0] == 0
    assert read_exact(path) == text + (
        "\n## Sprint 2 (2025-01-15)\n\n### Went well\n\n### Actions\n\n* [ ] Fix it (from Sprint 1) @ana\n"
    )


@pytest.mark.parametrize(
    ("opener", "what"),
    [("```\n", "6: code fence is never closed"), ("<!-- draft notes\n", "6: HTML comment is never closed")],
)
def test_new_refuses_a_retro_the_file_would_hide(
    opener: str, what: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An oldest-first file ending in an unclosed fence or comment: a retro added at the end would be read as
    code or hidden, so ``new`` said it was added while nothing could see it.  It writes nothing and says why."""
    text = "# Retros\n\n## Sprint 1 (2024-01-01)\n### Action Items\n- [ ] a\n" + opener
    path = write(tmp_path, text)
    code, out, err = run(["new", str(path), "--title", "Sprint 2"], capsys)
    assert (code, out) == (1, "")
    assert err == (
        f"retrotui: {path}:{what}, so the new retro 'Sprint 2' would not be read as one; close it first;"
        " nothing was written\n"
    )
    assert read_exact(path) == text


@pytest.mark.parametrize("opener", ["```\n", "<!-- draft notes\n"])
def test_add_retro_refuses_a_retro_the_file_would_hide_and_leaves_the_document(opener: str) -> None:
    """Through the API too: the retro went into the block never closed, read back as code or hidden."""
    text = "# Retros\n\n## Sprint 1 (2024-01-01)\n### Action Items\n- [ ] a\n" + opener
    doc = loads(text)
    with pytest.raises(HiddenRetro) as refused:
        add_retro(doc, "Sprint 2", dt.date(2024, 1, 15), carry_over=True)
    assert refused.value.line == 6
    assert "so the new retro 'Sprint 2' would not be read as one; close it first" in str(refused.value)
    assert [r.title for r in doc.retros] == ["Sprint 1"]
    assert dumps(doc) == text


def test_add_retro_into_a_newest_first_file_with_a_fence_never_closed_at_its_end_is_read() -> None:
    """A newest-first file puts the new retro on top, above the block: nothing is refused there."""
    text = "# Retros\n\n## Sprint 2 (2024-01-15)\n- b\n\n## Sprint 1 (2024-01-01)\n- a\n```\n"
    doc = loads(text)
    add_retro(doc, "Sprint 3", dt.date(2024, 2, 1))
    assert [r.title for r in loads(dumps(doc)).retros] == ["Sprint 3", "Sprint 2", "Sprint 1"]
