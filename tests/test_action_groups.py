"""A retro's items across several lists (sub-groups) behave as one list whose edits stay minimal."""

from __future__ import annotations

from retrotui import ActionItem, dumps, loads
from retrotui.model import ActionItems

TEXT = "## S (2025-02-01)\n\n### Action Items\n\nBackend:\n- a\n- b\n\nFrontend:\n- c\n"


def names(text: str) -> list[list[str]]:
    retro = loads(text).retros[0]
    return [[row.item for row in container.rows] for container in retro.action_lists]


def test_a_single_list_is_the_containers_own_list() -> None:
    retro = loads("## S (2025-02-01)\n\n### Actions\n\n- a\n").retros[0]
    assert type(retro.action_items) is list and retro.action_items is retro.action_lists[0].rows


def test_positions_map_to_their_group() -> None:
    doc = loads(TEXT)
    items = doc.retros[0].action_items
    assert isinstance(items, ActionItems) and [r.item for r in items] == ["a", "b", "c"]
    items.insert(0, ActionItem(item="first"))
    items.insert(3, ActionItem(item="b2"))  # after b: the Backend group
    del items[-1]
    assert [[r.item for r in c.rows] for c in doc.retros[0].action_lists] == [["first", "a", "b", "b2"], []]
    assert dumps(doc) == TEXT.replace("- a\n", "- first\n- a\n").replace("- b\n", "- b\n- b2\n").replace("- c\n", "")


def test_whole_list_changes_keep_group_sizes() -> None:
    doc = loads(TEXT)
    items = doc.retros[0].action_items
    items.reverse()
    assert names(dumps(doc)) == [["c", "b"], ["a"]]
    doc = loads(TEXT)
    items = doc.retros[0].action_items
    items[:] = [row for row in items if row.item != "b"]
    assert names(dumps(doc)) == [["a"], ["c"]]
    assert items.pop().item == "c" and names(dumps(doc)) == [["a"]]


def test_a_stale_copy_acts_on_the_document_as_it_is_now() -> None:
    doc = loads(TEXT)
    retro = doc.retros[0]
    kept = retro.action_items  # as an undo step keeps it
    retro.action_items.append(ActionItem(item="d"))
    kept.remove(retro.action_items[0])
    assert names(dumps(doc)) == [["b"], ["c", "d"]]
