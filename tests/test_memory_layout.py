"""How a read document is held in memory: compact, and the same to every reader as objects built in code."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

from retrotui import ActionItem, dumps, loads
from retrotui.model import Section
from tests.conftest import SAMPLES, read_exact

SEED = read_exact(SAMPLES / "volcano-retrospective.md")


def _first_item(text: str) -> ActionItem:
    doc = loads(text)
    return next(item for retro in doc.retros for item in retro.action_items)


def test_private_attributes_of_a_read_object_act_as_pydantics_dict() -> None:
    item = _first_item(SEED)
    private = item.__pydantic_private__
    assert private is not None
    assert not isinstance(private, dict)  # slots, not a dict: a fifth of the memory
    origin = item._origin
    assert origin is not None and private["_origin"] is origin and private.get("_origin") is origin
    assert dict(private) == {"_origin": origin} and "_origin" in private and len(private) == 1
    assert private == {"_origin": origin} and {"_origin": origin} == private
    assert private.get("_missing") is None and "_missing" not in private
    item._origin = None
    assert item._origin is None and private["_origin"] is None


def test_read_objects_copy_pickle_and_compare_like_built_ones() -> None:
    item = _first_item(SEED)
    for twin in (item.model_copy(), copy.copy(item), copy.deepcopy(item), pickle.loads(pickle.dumps(item))):
        assert twin == item
        assert twin._origin == item._origin
        assert isinstance(twin.__pydantic_private__, dict)
    built = ActionItem(item=item.item, owner=item.owner, due=item.due, status=item.status, extra=list(item.extra))
    built._origin = item._origin
    assert built == item and item == built
    built._origin = None
    assert built != item


def test_a_read_section_sets_and_reads_its_origin_through_pydantic() -> None:
    doc = loads(SEED)
    section = doc.retros[0].sections[0]
    assert isinstance(section, Section)
    origin = section._origin
    assert origin is not None
    section._origin = None
    assert section.heading_style == "atx"
    section._origin = origin
    assert dumps(doc) == SEED


def test_two_reads_of_one_text_have_equal_items_and_sections() -> None:
    one, two = loads(SEED), loads(SEED)
    assert [r.action_items for r in one.retros] == [r.action_items for r in two.retros]
    assert [r.sections[0] for r in one.retros] == [r.sections[0] for r in two.retros]


ROWS = (
    "# R\n\n## Sprint 1 (2025-01-06)\n\n### 4. Action Items\n\n"
    "| Item | Owner | Due Date | Status |\n|---|---|---|---|\n"
    + "".join(f"| Task {n} | Ana | 2025-02-0{n % 2 + 1} | {'☑' if n % 2 else '☐'} |\n" for n in range(4))
    + "\n## Sprint 2 (2025-01-20)\n\n### 4. Action Items\n\n"
    + "".join(f"- [ ] Chore {n} @Ana (due 2025-02-01)\n" for n in range(2))
)


def test_rows_share_their_repeated_owners_dates_and_status_words() -> None:
    doc = loads(ROWS)
    items = [item for retro in doc.retros for item in retro.action_items]
    assert [(i.owner, i.due) for i in items[:4]] == [("Ana", dt.date(2025, 2, n % 2 + 1)) for n in range(4)]
    assert len({i.owner for i in items[4:]}) == 1
    assert len({id(i.owner) for i in items[:4]}) == 1 and len({id(i.owner) for i in items[4:]}) == 1
    firsts = [i for i in items if i.due == dt.date(2025, 2, 1)]
    assert len({id(i.due) for i in firsts}) == 1
    for item in items:
        origin = item._origin
        assert origin is not None
        assert origin.snapshot[1] is item.owner and origin.snapshot[2] is item.due  # the snapshot is the values
        assert origin.snapshot == item.values()
    table_rows = items[:4]
    assert len({id(i._origin.status_text) for i in table_rows[::2]}) == 1  # type: ignore[union-attr]
    assert dumps(doc) == ROWS
    items[0].owner = "Ben"
    assert dumps(doc).count("Ben") == 1 and items[2].owner == "Ana"


def test_a_documents_repr_is_a_summary_whatever_its_size() -> None:
    doc = loads(SEED * 1)
    big = loads(SEED + "".join(f"\n## Sprint {n} (2025-11-{n:02d})\n\n### 1. Summary\n- x\n" for n in range(1, 29)))
    assert (
        repr(doc)
        == f"RetroDocument(title='Volcano Integration Retrospective', retros=1, blocks={len(doc.blocks)}, warnings=0)"
    )
    assert len(repr(big)) < 120 and "retros=29" in repr(big)


def test_an_object_built_without_an_origin_has_every_private_attribute() -> None:
    from retrotui.model import trusted

    section = trusted(Section, None, title="Notes", kind=None, number=None, level=3, blocks=[])
    private = section.__pydantic_private__
    assert private is not None and "_origin" in private and private["_origin"] is None
    assert section._origin is None and section.heading_style == "atx"
