"""Property: two random edit scripts on one base; every edit is in the merge or in a conflict, nothing twice.

Every retro title and action row of the base gets a tag (``⟨R3⟩``, ``⟨r12⟩``)
that edits keep, so each can be followed into the merged file; every new
text an edit writes holds a token (``«o4»``) found nowhere else.  The merge
with each conflict settled for ours must hold all of ours' edits, and the
one settled for theirs all of theirs': an edit that is in neither was lost
silently.  No tag and no token may appear twice.  Scripts that touch
different retros must merge without a conflict, and the fast path must give
what the full structural merge gives.  Run on the samples, the corpus and
(in place, when present) the real files.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrotui import ActionItem, RetroDocument, dumps, loads
from retrotui.markdown import bullets
from retrotui.merge import MergeResult, merge
from retrotui.merging.split import RETRO, split, split_units
from retrotui.model import TextBlock
from tests.conftest import SAMPLES, corpus_files, read_exact, real_files

TAG = re.compile(r"⟨[rR]\d+⟩")
TOKEN = re.compile(r"«[ot]\d+»")

KINDS = (
    "toggle",
    "item",
    "owner",
    "due",
    "add_row",
    "delete_row",
    "move_row",
    "rename",
    "add_retro",
    "delete_retro",
    "edit_bullet",
    "add_bullet",
)
Op = tuple[str, int, int, int]
OPS = st.tuples(st.sampled_from(KINDS), st.integers(0, 99), st.integers(0, 99), st.integers(0, 99))
SCRIPTS = st.lists(OPS, min_size=1, max_size=4)


def tagged(text: str) -> str:
    doc = loads(text)
    row = 0
    for number, retro in enumerate(doc.retros):
        retro.title = f"{retro.title} ⟨R{number}⟩"
        for action in retro.action_items:
            action.item = f"{action.item} ⟨r{row}⟩"
            row += 1
    return dumps(doc)


def tag_in(text: str) -> str:
    found = TAG.search(text)
    return found.group() if found else ""


def apply(text: str, script: list[Op], side: str) -> str:
    doc = loads(text)
    for number, op in enumerate(script):
        apply_op(doc, op, f"«{side}{number}»")
    return dumps(doc)


def apply_op(doc: RetroDocument, op: Op, token: str) -> None:
    kind, a, b, c = op
    if kind == "add_retro":
        doc.add_retro(f"Sprint {token}", dt.date(2026, 1, 1) + dt.timedelta(days=a))
        return
    retros = doc.retros
    if not retros:
        return
    retro = retros[a % len(retros)]
    items = retro.action_items
    if kind == "rename":
        retro.title = f"{token} {tag_in(retro.title)}".strip()
    elif kind == "delete_retro":
        doc.blocks.remove(retro)
    elif kind == "add_row":
        items.append(ActionItem(item=token, owner="Ana", due="2026-01-05"))
    elif kind in ("edit_bullet", "add_bullet"):
        lists = [
            block
            for section in retro.sections
            for block in section.blocks
            if isinstance(block, TextBlock) and bullets.bullets(block.text)
        ]
        if lists:
            block = lists[b % len(lists)]
            count = len(bullets.bullets(block.text))
            if kind == "edit_bullet":
                block.text = bullets.edit_bullet(block.text, c % count, f"{token} edited")
            else:
                block.text = bullets.insert_bullet(block.text, count, f"{token} added")
    elif items:
        row = items[b % len(items)]
        if kind == "toggle":
            row.status = row.toggled()
        elif kind == "item":
            row.item = f"{token} {tag_in(row.item)}".strip()
        elif kind == "owner":
            row.owner = token
        elif kind == "due":
            row.due = dt.date(2026, 3, 1) + dt.timedelta(days=c)
        elif kind == "delete_row":
            items.remove(row)
        elif kind == "move_row" and len(items) > 1:
            at = b % (len(items) - 1)
            items[at], items[at + 1] = items[at + 1], items[at]


def rows_by_tag(doc: RetroDocument) -> dict[str, list[tuple[object, ...]]]:
    found: dict[str, list[tuple[object, ...]]] = {}
    for retro in doc.retros:
        for action in retro.action_items:
            if tag_in(action.item):
                found.setdefault(tag_in(action.item), []).append(action.values())
    return found


def retros_by_tag(doc: RetroDocument) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for retro in doc.retros:
        if tag_in(retro.title):
            found.setdefault(tag_in(retro.title), []).append(retro.title)
    return found


def settled(result: MergeResult, side: str) -> str:
    for conflict in result.conflicts:
        conflict.resolve(side)
    return result.text()


def check_side(base_text: str, mine_text: str, other_text: str, merged_text: str) -> None:
    """Every edit of ``mine`` is in ``merged`` (the merge with conflicts settled for mine); nothing twice."""
    base, mine, other, merged = (loads(t) for t in (base_text, mine_text, other_text, merged_text))
    merged_rows, merged_retros = rows_by_tag(merged), retros_by_tag(merged)
    assert all(len(v) == 1 for v in merged_rows.values()), "a row is duplicated"
    assert all(len(v) == 1 for v in merged_retros.values()), "a retro is duplicated"
    mine_rows, other_rows = rows_by_tag(mine), rows_by_tag(other)
    for tag, (old,) in rows_by_tag(base).items():
        if tag not in mine_rows:
            assert tag not in merged_rows, f"row {tag} deleted here is back"
            continue
        new = mine_rows[tag][0]
        assert tag in merged_rows or tag not in other_rows, f"row {tag} kept on both sides is lost"
        changed = [k for k in range(5) if old[k] != new[k]]
        if changed:
            assert tag in merged_rows, f"row {tag} edited here is lost"
            assert [merged_rows[tag][0][k] for k in changed] == [new[k] for k in changed], (
                f"an edit of row {tag} is lost"
            )
    mine_retros, other_retros = retros_by_tag(mine), retros_by_tag(other)
    for tag, (old_title,) in retros_by_tag(base).items():
        if tag not in mine_retros:
            assert tag not in merged_retros, f"retro {tag} deleted here is back"
        elif mine_retros[tag][0] != old_title:
            assert merged_retros.get(tag) == mine_retros[tag], f"the rename of retro {tag} is lost"
        elif tag in other_retros:
            assert tag in merged_retros, f"retro {tag} kept on both sides is lost"
    for token in set(TOKEN.findall(mine_text)):
        assert merged_text.count(token) == mine_text.count(token), f"{token} is lost or duplicated"


def retro_texts(text: str) -> tuple[dict[str, str], list[str]]:
    """The base-tagged retros' texts by tag, and the texts outside retros."""
    units = split_units(text)
    retros = {tag_in(u.text.partition("\n")[0]): u.text for u in units if u.kind == RETRO}
    return {k: v for k, v in retros.items() if k}, [u.text for u in units if u.kind != RETRO]


def touched(base: str, side: str) -> set[str] | None:
    """The base retros a side changed or deleted; None if it changed text outside the retros."""
    base_retros, base_rest = retro_texts(base)
    side_retros, side_rest = retro_texts(side)
    if side_rest != base_rest:
        return None
    return {tag for tag, text in base_retros.items() if side_retros.get(tag) != text}


def check_merge(base: str, ours_script: list[Op], theirs_script: list[Op]) -> None:
    ours, theirs = apply(base, ours_script, "o"), apply(base, theirs_script, "t")
    cut = split(base)
    for side in (ours, theirs):
        assert [u.text for u in split(side, like=cut).units] == [u.text for u in split(side).units]
    result = merge(base, ours, theirs)
    full = merge(base, ours, theirs, full=True)
    assert full.text() == result.text(), "the fast path and the full structural merge differ"
    assert [c.where for c in full.conflicts] == [c.where for c in result.conflicts]
    ours_touched, theirs_touched = touched(base, ours), touched(base, theirs)
    if ours_touched is not None and theirs_touched is not None and not ours_touched & theirs_touched:
        assert result.clean, [c.where for c in result.conflicts]
    check_side(base, ours, theirs, settled(result, "ours"))
    check_side(base, theirs, ours, settled(result, "theirs"))


SAMPLE_BASES = {p.name: tagged(read_exact(p)) for p in sorted(SAMPLES.glob("*.md"))}


@pytest.mark.parametrize("name", SAMPLE_BASES)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ours=SCRIPTS, theirs=SCRIPTS)
def test_every_edit_is_merged_or_in_a_conflict_on_the_samples(name: str, ours: list[Op], theirs: list[Op]) -> None:
    check_merge(SAMPLE_BASES[name], ours, theirs)


OTHER_FILES = [*corpus_files(), *real_files()]


@pytest.mark.parametrize("path", OTHER_FILES, ids=lambda p: p.name)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ours=SCRIPTS, theirs=SCRIPTS)
def test_every_edit_is_merged_or_in_a_conflict_on_the_corpus(path: Path, ours: list[Op], theirs: list[Op]) -> None:
    check_merge(tagged(read_exact(path)), ours, theirs)
