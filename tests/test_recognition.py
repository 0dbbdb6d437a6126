"""A test per shape of retro file that retrotui reads (cases of our own, after the real files' quirks).

Each case checks what is read, that the text round-trips byte for byte, and,
where it matters, that an edit changes only the line it must.
"""

from __future__ import annotations

import datetime as dt

import pytest

from retrotui import ActionItem, RetroDocument, SectionKind, dumps, loads
from tests.conftest import changed_lines


def read(text: str) -> RetroDocument:
    doc = loads(text)
    assert dumps(doc) == text
    return doc


def titles(doc: RetroDocument) -> list[str]:
    return [r.title for r in doc.retros]


def items(doc: RetroDocument) -> list[tuple[str, str, object, str]]:
    return [a.values()[:4] for r in doc.retros for a in r.action_items]


# -- retro headings ------------------------------------------------------------------------------


def test_a_retro_action_items_heading_over_a_bare_list_is_a_retro_and_its_list_the_actions() -> None:
    doc = read(
        "# Team log\n\n## Retro Action Items - 12/01/2022\n\n- Fix the flaky test (Ana)\n- [x] Write docs\n\n"
        "## Retro Action Items - 11/17/2022\n\n- Buy a kettle\n"
    )
    assert [r.date for r in doc.retros] == [dt.date(2022, 12, 1), dt.date(2022, 11, 17)]
    assert items(doc) == [
        ("Fix the flaky test", "Ana", "", "open"),
        ("Write docs", "", "", "done"),
        ("Buy a kettle", "", "", "open"),
    ]
    assert doc.newest_first


def test_one_h1_per_retro_newest_first_by_sprint_numbers() -> None:
    doc = read("# Sprint 3\n\n## Went well\n\n- a\n\n# Sprint 2\n\n## Went well\n\n- b\n\n# Sprint 1\n\n- c\n")
    assert titles(doc) == ["Sprint 3", "Sprint 2", "Sprint 1"]
    assert doc.newest_first and doc.title is None


def test_h1_retros_with_only_a_retro_word_and_one_date() -> None:
    """One ``#`` per retro, one of them dated (3.12.2024), the others only 'retrospective'."""
    doc = read(
        "# Third sprint retrospective 3.12.2024 \n\n### Start:\n- a\n\n"
        "# Second sprint retrospective\n\n### Start:\n- b\n\n\n# First sprint retrospective:\n\nProse.\n"
    )
    assert len(doc.retros) == 3
    assert doc.retros[0].date == dt.date(2024, 12, 3)
    assert [s.title for s in doc.retros[0].sections] == ["Start:"]


@pytest.mark.parametrize(
    ("heading", "date"),
    [
        ("## Retro 12/01/2022", dt.date(2022, 12, 1)),
        ("## Retro 04/27/2017", dt.date(2017, 4, 27)),
        ("## RETROSPECTIVA (13/11/20)", dt.date(2020, 11, 13)),
        ("## Retro 3.12.2024", dt.date(2024, 12, 3)),
        ("## Sprint 1 review 2025-5-9", dt.date(2025, 5, 9)),
        ("## 2025-10-17", dt.date(2025, 10, 17)),
        ("## Sprint 5 (Oct 17, 2025)", dt.date(2025, 10, 17)),
        ("## Retro 17 October 2025", dt.date(2025, 10, 17)),
        ("## Community retrospective (July 2021)", dt.date(2021, 7, 1)),
        ("## Sprint 1 (02/12/19 - 13/12/19)", dt.date(2019, 12, 13)),
        ("## 회고 2025년 4월 3일", dt.date(2025, 4, 3)),
        ("## Retro Feb 21", None),
    ],
)
def test_dates_in_retro_headings(heading: str, date: dt.date | None) -> None:
    doc = read(f"# Retros\n\n{heading}\n\n- note\n")
    assert len(doc.retros) == 1 and doc.retros[0].date == date


def test_the_file_decides_day_or_month_first() -> None:
    """``05/06/2024`` is 5 June where another heading (13/06/2024) shows the file writes day first."""
    day_first = read("## Retro 05/06/2024\n\n- a\n\n## Retro 13/06/2024\n\n- b\n")
    month_first = read("## Retro 05/06/2024\n\n- a\n\n## Retro 06/13/2024\n\n- b\n")
    assert day_first.retros[0].date == dt.date(2024, 6, 5)
    assert month_first.retros[0].date == dt.date(2024, 5, 6)


def test_a_post_mortem_timeline_is_not_a_list_of_retros() -> None:
    doc = read(
        "# 2018-02-20, Outage\n\n## Summary\n\nIt broke.\n\n## Timeline\n\n### 15:08\n\nLimit hit.\n\n"
        "[Action Item] launches rejected should get their own label.\n\n### 2X:XX (not sure)\n\nMore.\n\n"
        "## Feb 21, 13:00\n\nFixed.\n\n## Action Items\n\n### Hub\n\n- Release 0.9\n- Handle slow stops\n\n"
        "### Deploy\n\ncull:\n\n- Document nodes\n"
    )
    assert titles(doc) == ["2018-02-20, Outage"]
    assert [s.title for s in doc.retros[0].sections] == ["Summary", "Timeline", "Feb 21, 13:00", "Action Items"]
    assert [i[0] for i in items(doc)] == ["Release 0.9", "Handle slow stops", "Document nodes"]


def test_collection_headings_and_empty_retro_words_are_not_retros() -> None:
    doc = read("# Retrospectives\n\n## Historical Retrospectives\n\n## Retro\n\n## Sprint 4 (2025-01-10)\n\n- a\n")
    assert titles(doc) == ["Sprint 4"]


def test_headings_whose_sections_are_retro_sections_are_retros() -> None:
    """``## v0.1.0 — …`` says nothing itself, but its What We Learned / Open Items say retro."""
    doc = read(
        "## Action Tracker\n\n| # | Action | Status |\n|---|---|---|\n| 1 | Tag secrets | Closed |\n\n"
        "## v0.1.0 — Monitoring\n\n### What We Learned\n\nThings.\n\n### Open Items\n\n- [x] a\n- [ ] b\n\n"
        "## v0.2.0 — Rollout\n\n### Insights\n\n- c\n\n### Open Items\n\n- [ ] d\n"
    )
    assert titles(doc) == ["v0.1.0 — Monitoring", "v0.2.0 — Rollout"]
    assert items(doc) == [("a", "", "", "done"), ("b", "", "", "open"), ("d", "", "", "open")]


def test_sections_beside_a_retro_heading_belong_to_it() -> None:
    doc = read(
        "## 2020-03-19\n\n![board](b.png)\n\n## Actions\n\n- Check slides  🤦\n\n- Jonno: Write notes weekly.\n\n"
        "- [ ] Ask the design team\n\n\n\n## Kudos\n\n* Everyone\n- The team\n\n## Went well\n\n- Today\n"
    )
    retro = doc.retros[0]
    assert [s.title for s in retro.sections] == ["Actions", "Kudos", "Went well"]
    assert items(doc) == [
        ("Check slides  🤦", "", "", "open"),
        ("Write notes weekly.", "Jonno", "", "open"),
        ("Ask the design team", "", "", "open"),
    ]


def test_a_single_retro_under_its_title_with_a_template_word_and_a_team_number() -> None:
    doc = read("\nTEMPLATE FOR RETROSPECTIVE (Team 12)\n=====\n\n## PROCESS MEASURES\n\n- 6 stories\n")
    assert titles(doc) == ["TEMPLATE FOR RETROSPECTIVE (Team 12)"] and doc.template is None


def test_the_seed_shape_keeps_its_title_template_and_retros_even_with_a_dated_title() -> None:
    doc = read(
        "# Volcano Retrospective (2025-10-01)\n\n## Retro Template\n\n### 1. Summary\n- \n\n"
        "## Historical Retrospectives\n\n## Sprint 0 – Discovery (2025-10-17)\n\n### 1. Summary\n- a\n"
    )
    assert doc.title == "Volcano Retrospective (2025-10-01)"
    assert doc.template is not None and titles(doc) == ["Sprint 0 – Discovery"]


# -- no headings --------------------------------------------------------------------------------


def test_plain_title_lines_between_rules_are_retros_and_labels_their_sections() -> None:
    doc = read(
        "Retrospectiva SPRINT 2\n\nComenzar a hacer:\n a) Reunirse.\n\n-----\nSPRINT 3\nHACER\n-Crear grupo.\n\n"
        "SEGUIR HACIENDO\n-Organizar.\n\n-----\nSPRINT 4\t\n\nAction items:\n- [ ] Update the board\n- [x] Weekly\n"
    )
    assert titles(doc) == ["Retrospectiva SPRINT 2", "SPRINT 3", "SPRINT 4"]
    assert [s.title for s in doc.retros[1].sections] == ["HACER", "SEGUIR HACIENDO"]
    assert doc.retros[2].heading_style == "label"
    assert items(doc) == [("Update the board", "", "", "open"), ("Weekly", "", "", "done")]


def test_a_dated_title_line_over_mad_sad_glad_labels() -> None:
    doc = read(
        "14/10/2021 - Retrospective\n\nParticipants: A, B\n\n Mad\n- Slow API  ( Jo, 1 Up Vote )\n\n\n Sad\n- S3\n"
        "--- me too\n\n Glad\n- Standups\n"
    )
    retro = doc.retros[0]
    assert retro.date == dt.date(2021, 10, 14)
    assert [(s.title, s.kind) for s in retro.sections] == [
        ("Mad", None),
        ("Sad", SectionKind.COULD_IMPROVE),
        ("Glad", SectionKind.WENT_WELL),
    ]
    assert retro.action_items == []


def test_plain_title_retros_stay_retros_when_a_heading_retro_follows() -> None:
    """A file of plain retros where ``retrotui new`` added one as a heading: all are read."""
    doc = read("SPRINT 3\n\n- a\n\nSPRINT 4\n\n- b\n\n## SPRINT 5\n\n### Went well\n")
    assert titles(doc) == ["SPRINT 3", "SPRINT 4", "SPRINT 5"]


def test_a_title_line_with_nothing_under_it_is_not_a_retro() -> None:
    doc = read("Sprint 12 retro notes\n\n## Sprint 12 (2024-05-01)\n\n- a\n")
    assert titles(doc) == ["Sprint 12"]


def test_prose_lines_with_a_sprint_word_are_not_retros() -> None:
    doc = read("We talked about sprint 3 and what to do next.\n\nSprint planning went well\n")
    assert doc.retros == []


# -- setext headings and line endings ---------------------------------------------------------------


def test_setext_headings_are_retros_and_sections() -> None:
    doc = read("Retros\n======\n\nSprint 3 (2024-12-03)\n---------------------\n\nAction Items:\n- [ ] a\n")
    assert doc.title == "Retros" and titles(doc) == ["Sprint 3"]
    assert doc.retros[0].heading_style == "setext" and items(doc) == [("a", "", "", "open")]


def test_dashes_under_a_blank_line_a_table_or_front_matter_are_not_headings() -> None:
    doc = read(
        "---\ntitle: Sprint 9 (2025-01-01)\n---\n\n# Sprint 3 (2024-12-03)\n\nText\n\n---\n\n"
        "| Item | Owner |\n|---|---|\n| Sprint 4 (2024-12-17) | Ana |\n---\n\n## Went well\n---\n- a\n"
    )
    assert titles(doc) == ["Sprint 3"]
    assert [s.title for s in doc.retros[0].sections] == ["Went well"]


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_lone_cr_and_crlf_files_read_like_their_lf_twin(ending: str) -> None:
    twin = "# Retros\n\n## Sprint 1 (2025-01-01)\n\n### Action Items\n\n- [ ] a (Ana)\n- b\n\nSprint 2 notes\n===\n"
    text = twin.replace("\n", ending)
    doc, lf = read(text), read(twin)
    assert titles(doc) == titles(lf) and items(doc) == items(lf)
    assert [s.title for s in doc.retros[0].sections] == [s.title for s in lf.retros[0].sections]
    doc.retros[0].action_items[1].status = "done"
    doc.retros[0].action_items.append(ActionItem(item="c"))
    out = dumps(doc)
    assert out == text.replace(f"- b{ending}", f"- [x] b{ending}- [ ] c{ending}")


# -- opaque parts ----------------------------------------------------------------------------------


def test_code_fences_comments_and_block_quotes_stay_opaque() -> None:
    doc = read(
        "## Sprint 1 (2025-01-01)\n\n### Action Items\n\n> - [ ] quoted, not an action\n> ## Sprint 9 (2025-09-09)\n\n"
        "```\n- [ ] code, not an action\n```\n\n<!--\n- [ ] a comment\n## Sprint 8 (2025-08-08)\n-->\n\n- [ ] real\n"
    )
    assert titles(doc) == ["Sprint 1"] and items(doc) == [("real", "", "", "open")]


# -- action sections ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Action Items",
        "Actions",
        "Next steps",
        "Commitments",
        "Todo",
        "TODO:",
        "Open Items",
        "Try",
        "2019 plans",
        "Acciones",
        "Ações",
        "Maßnahmen",
        "Actions à mener",
        "Próximos pasos",
        "アクション",
        "🔧 改善アクション",
        "액션 아이템",
        "💡 다음 단계",
        "**Action items**",
        "Actions for Sprint 4",
    ],
)
def test_action_sections_by_name(name: str) -> None:
    doc = read(f"# Sprint 3 (2025-01-01)\n\n## Went well\n\n- Good\n\n## {name}\n\n- Do it\n- Done: ship it\n")
    assert items(doc) == [("Do it", "", "", "open"), ("ship it", "", "", "done")]


@pytest.mark.parametrize("name", ["GitHub Actions", "Transactions", "Planning", "Went well"])
def test_names_that_are_not_action_sections(name: str) -> None:
    doc = read(f"# Sprint 3 (2025-01-01)\n\n## {name}\n\n- Do it\n")
    assert items(doc) == []


def test_an_action_label_line_in_another_section_heads_its_list() -> None:
    doc = read("## Sprint 2 (2025-02-01)\n\n### Notes\n\nWe met.\n\n**Action items:**\n\n1) Fix CI @bo\n2) Tidy\n")
    assert items(doc) == [("Fix CI", "@bo", "", "open"), ("Tidy", "", "", "open")]


def test_a_label_item_with_a_nested_list_holds_the_actions() -> None:
    text = (
        "RETROSPECTIVE Sprint 2 (Team 4)\n=====\n\n## ASSESSMENT\n\n- What went wrong?\n  - Estimates\n\n"
        "- Improvement goals for the next sprint (technical tasks, etc.)\n    1. Write docs.\n"
        "       **solutions:**\n        - Swagger\n    2. Readable code\n\n- One thing you are proud of\n"
    )
    doc = read(text)
    assert items(doc) == [("Write docs.", "", "", "open"), ("Readable code", "", "", "open")]
    retro = doc.retros[0]
    retro.action_items.remove(retro.action_items[0])
    assert dumps(doc) == text.replace("    1. Write docs.\n       **solutions:**\n        - Swagger\n", "")


def test_an_action_table_outside_an_action_section() -> None:
    doc = read(
        "## Sprint 2 (2025-02-01)\n\n### Notes\n\n| Task | Who | State |\n|---|---|---|\n| Fix CI | Bo | done |\n"
    )
    assert items(doc) == [("Fix CI", "Bo", "", "done")]


# -- action tables --------------------------------------------------------------------------------------


def test_tables_with_any_column_order_and_usual_names() -> None:
    doc = read(
        "## Sprint 2 (2025-02-01)\n\n### Acciones\n\n| Estado | Acción | Responsável | Deadline |\n|--|--|--|--|\n"
        "| Completed | Fix CI | Ana | 2025-02-10 |\n| TODO | Docs | Bo | TBD |\n"
    )
    assert items(doc) == [("Fix CI", "Ana", dt.date(2025, 2, 10), "done"), ("Docs", "Bo", "TBD", "open")]


def test_a_table_without_a_status_column_that_strikes_items_through_keeps_doing_so() -> None:
    """The item cells carry done as ``~~…~~``: a toggle writes that; a due date it has no way for gets a column."""
    text = "## Sprint 2 (2025-02-01)\n\n### Action Items\n\n| Action Item | Owner |\n|---|---|\n| Fix CI | Ana |\n| ~~Docs~~ | Bo |\n"
    doc = read(text)
    assert items(doc) == [("Fix CI", "Ana", "", "open"), ("Docs", "Bo", "", "done")]
    first, second = doc.retros[0].action_items
    first.status = first.toggled()
    second.status = second.toggled()
    assert changed_lines(text, dumps(doc))[1] == ["| ~~Fix CI~~ | Ana |", "| Docs | Bo |"]
    first.due = dt.date(2030, 1, 2)
    out = dumps(doc)
    assert out.endswith(
        "| Action Item | Owner | Due Date |\n|---|---|---|\n| ~~Fix CI~~ | Ana | 2030-01-02 |\n| Docs | Bo | |\n"
    )
    assert items(loads(out)) == [("Fix CI", "Ana", dt.date(2030, 1, 2), "done"), ("Docs", "Bo", "", "open")]


def test_toggling_in_a_column_of_words_writes_that_columns_words() -> None:
    text = (
        "## Sprint 2 (2025-02-01)\n\n### Action Items\n\n| Item | Status |\n|---|---|\n"
        "| a | In Progress |\n| b | Completed |\n| c | TODO |\n| d | ☐ |\n"
    )
    doc = read(text)
    a, b, c, _d = doc.retros[0].action_items
    a.status = a.toggled()
    b.status = b.toggled()
    c.status = c.toggled()
    _removed, added = changed_lines(text, dumps(doc))
    assert added == ["| a | Completed |", "| b | TODO |", "| c | Completed |"]
    assert doc.status_text(doc.retros[0], a) == "Completed"


def test_a_column_of_words_without_an_open_word_gets_open_in_its_case() -> None:
    text = "## S (2025-02-01)\n\n### Action Items\n\n| Item | Status |\n|---|---|\n| a | DONE |\n| b | IN PROGRESS |\n"
    doc = read(text)
    a, b = doc.retros[0].action_items
    a.status = a.toggled()
    b.status = b.toggled()
    _removed, added = changed_lines(text, dumps(doc))
    assert added == ["| a | OPEN |", "| b | DONE |"]


def test_a_yes_no_done_column() -> None:
    text = "## S (2025-02-01)\n\n### Action Items\n\n| Item | Done? |\n|---|---|\n| a | x |\n| b |  |\n"
    doc = read(text)
    a, b = doc.retros[0].action_items
    assert (a.status, b.status) == ("done", "open")
    a.status, b.status = a.toggled(), b.toggled()
    _removed, added = changed_lines(text, dumps(doc))
    assert added == ["| a |  |", "| b | x |"]


# -- action lists -------------------------------------------------------------------------------------------


def test_list_shapes_owners_and_statuses() -> None:
    doc = read(
        "## Sprint 2 (2025-02-01)\n\n### Action Items\n\n"
        "- [ ] Task box @ana (due 2025-03-01)\n"
        "- [x] Checked\n"
        "- ( ) Round box (Ana Lima)\n"
        "- (x) Round box done\n"
        "- DONE: Word first\n"
        "- TODO: Open word first\n"
        "- Word last (Done)\n"
        "- Progress word - In Progress\n"
        "- Emphasised **completed**\n"
        "- ~~Struck through~~\n"
        "- Bo: Owner first\n"
        "- Owner note (owner: Data Team)\n"
        "- Note: not an owner\n"
        "- Fix the build ✅\n"
        "* Star bullet\n"
        "+ Plus bullet\n"
        "- Bracket owner [Ana]\n"
        "- Dash owner — John Smith\n"
        "- Due without brackets by 2025-03-01\n"
        "- Notes in any case (Assignee: Cy) (Due: 2025-03-02)\n"
        "- @alice: mention first\n"
        "- Not a name - asap\n"
    )
    assert items(doc) == [
        ("Task box", "@ana", dt.date(2025, 3, 1), "open"),
        ("Checked", "", "", "done"),
        ("Round box", "Ana Lima", "", "open"),
        ("Round box done", "", "", "done"),
        ("Word first", "", "", "done"),
        ("Open word first", "", "", "open"),
        ("Word last", "", "", "done"),
        ("Progress word", "", "", "In Progress"),
        ("Emphasised", "", "", "done"),
        ("Struck through", "", "", "done"),
        ("Owner first", "Bo", "", "open"),
        ("Owner note", "Data Team", "", "open"),
        ("Note: not an owner", "", "", "open"),
        ("Fix the build", "", "", "done"),
        ("Star bullet", "", "", "open"),
        ("Plus bullet", "", "", "open"),
        ("Bracket owner", "Ana", "", "open"),
        ("Dash owner", "John Smith", "", "open"),
        ("Due without brackets", "", dt.date(2025, 3, 1), "open"),
        ("Notes in any case", "Cy", dt.date(2025, 3, 2), "open"),
        ("mention first", "@alice", "", "open"),
        ("Not a name - asap", "", "", "open"),
    ]


def test_numbered_lists_with_dot_and_paren() -> None:
    doc = read("## S (2025-02-01)\n\n### Actions\n\n1. First\n2. Second\n\n### Next steps\n\n1) Third\n2) Fourth\n")
    assert [i[0] for i in items(doc)] == ["First", "Second", "Third", "Fourth"]


@pytest.mark.parametrize(
    ("line", "toggled"),
    [
        ("- [ ] a", "- [x] a"),
        ("- ( ) a", "- (x) a"),
        ("- a (In Progress)", "- a (Done)"),
        ("- a - in progress", "- a - done"),
        ("- ~~a~~", "- a"),
        ("- DONE: a", "- a"),
        ("- a", "- [x] a"),
        ("1) a ✅", "1) a"),
    ],
)
def test_toggling_a_list_item_changes_only_its_mark(line: str, toggled: str) -> None:
    text = f"## S (2025-02-01)\n\n### Actions\n\n{line}\n"
    doc = read(text)
    item = doc.retros[0].action_items[0]
    before = item.status
    item.status = item.toggled()
    assert dumps(doc) == text.replace(line, toggled)
    assert loads(dumps(doc)).retros[0].action_items[0].status == item.status != before


def test_toggling_follows_the_lists_own_marks() -> None:
    text = "## S (2025-02-01)\n\n### Actions\n\n- a (Done)\n- b\n- TODO: c\n- ~~d~~\n"
    doc = read(text)
    a, b, c, d = doc.retros[0].action_items
    for item in (a, b, c, d):
        item.status = item.toggled()
    _removed, added = changed_lines(text, dumps(doc))
    assert added == ["- a (TODO)", "- b (Done)", "- Done: c", "- d"]


def test_a_list_item_keeps_the_lines_under_it() -> None:
    text = (
        "## S (2025-02-01)\n\n### Action items\n\n1. Something about limits? \\*We\n   can add a threshold.\n\n"
        "   ![chart](c.png)\n\n2. Consider dedicated nodes\n"
    )
    doc = read(text)
    first, second = doc.retros[0].action_items
    assert first.item == "Something about limits? \\*We"
    first.owner = "Ana"
    second.status = "done"
    _removed, added = changed_lines(text, dumps(doc))
    assert added == ["1. Something about limits? \\*We (owner: Ana)", "2. [x] Consider dedicated nodes"]
    doc = loads(text)
    items_ = doc.retros[0].action_items
    items_[0], items_[1] = items_[1], items_[0]
    assert dumps(doc) == (
        "## S (2025-02-01)\n\n### Action items\n\n2. Consider dedicated nodes\n"
        "1. Something about limits? \\*We\n   can add a threshold.\n\n   ![chart](c.png)\n\n"
    )


def test_a_lazy_continuation_line_stays_with_its_item_and_a_label_starts_a_group() -> None:
    doc = read(
        "## S (2025-02-01)\n\n### Action item\n\nGoal\n* Know the app.\n* Learn react and flask.\nChange\n"
        "* More detail in updates\nand in standups.\nMeasurement\n* Stories done by the MVP date.\n"
    )
    assert [i[0] for i in items(doc)] == [
        "Know the app.",
        "Learn react and flask.",
        "More detail in updates",
        "Stories done by the MVP date.",
    ]


def test_new_items_follow_the_lists_style() -> None:
    doc = read("## S (2025-02-01)\n\n### Actions\n\n1. Ana: First\n2. Bo: Second\n")
    doc.retros[0].action_items.append(ActionItem(item="Third", owner="Cy", due="2025-03-01"))
    assert dumps(doc).endswith("2. Bo: Second\n3. Cy: Third (due 2025-03-01)\n")


# -- sub-groups --------------------------------------------------------------------------------------------


GROUPS = (
    "## S (2025-02-01)\n\n### Action Items\n\n#### Backend\n\n- [ ] a\n- [ ] b\n\n#### Frontend\n\n- [ ] c\n- [ ] d\n"
)


def test_grouped_action_lists_are_one_list_whose_edits_land_in_their_group() -> None:
    doc = read(GROUPS)
    retro = doc.retros[0]
    assert len(retro.action_lists) == 2 and [i[0] for i in items(doc)] == ["a", "b", "c", "d"]
    listed = retro.action_items
    listed.insert(2, ActionItem(item="b2"))
    listed.append(ActionItem(item="e"))
    listed.remove(listed[0])
    assert dumps(doc) == GROUPS.replace("- [ ] a\n", "").replace("- [ ] b\n", "- [ ] b\n- [ ] b2\n") + "- [ ] e\n"
    listed = retro.action_items
    listed[1], listed[2] = listed[2], listed[1]  # b2 and c change places across the groups
    assert [i[0] for i in items(loads(dumps(doc)))] == ["b", "c", "b2", "d", "e"]


def test_a_merge_keeps_every_group_of_a_grouped_action_section() -> None:
    from retrotui.merge import merge

    ours = GROUPS.replace("- [ ] a", "- [x] a")
    theirs = GROUPS.replace("- [ ] d", "- [x] d")
    result = merge(GROUPS, ours, theirs)
    assert "".join(p for p in result.pieces if isinstance(p, str)) == ours.replace("- [ ] d", "- [x] d")


def test_other_content_of_a_file_with_unread_sections() -> None:
    doc = read("# Team\n\n## Timeline\n\n- 10:00 start\n\n## Sprint 1 (2025-01-01)\n\n- a\n\n## Attendees\n\nAna\n")
    parts = doc.other_content()
    assert [(p.line, p.text) for p in parts] == [
        (1, "# Team\n\n## Timeline\n\n- 10:00 start\n\n"),
        (11, "## Attendees\n\nAna\n"),
    ]


# -- hostile lines ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "## Sprint" + " " * 100_000 + "x\n\n- a\n",
        "# Sprint 1" + " " * 100_000 + "(x\n",
        "**Purpose:**" + " " * 100_000 + "x\n",
        "## Sprint 1 (2025-01-01)\n\n### Actions\n\n- x" + " " * 100_000 + "y\n- b" + " \t@" * 30_000 + "\n",
        "## Sprint 1 (2025-01-01)\n\n### Actions\n\n| Item | Status |\n|--|--|\n| " + "~~ " * 30_000 + " | Done |\n",
    ],
    ids=["heading", "heading-paren", "header-field", "list-items", "table-cell"],
)
def test_long_runs_of_blanks_are_read_in_one_pass(text: str) -> None:
    """Every pattern on the reading path is linear: these lines would take minutes if one backtracked."""
    doc = read(text)
    for retro in doc.retros:
        for item in retro.action_items:
            item.status = item.toggled()
            item.owner = "Zed"
    assert dumps(doc).count("\n") == text.count("\n")
