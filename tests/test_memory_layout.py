"""How a read document is held in memory: compact, and the same to every reader as objects built in code."""

from __future__ import annotations

import copy
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
