"""The retro formats retrotui offers, the files it creates, and the prompts it shows.

A template is a list of sections, each with prompts ("What was shipped?")
that the editor shows dimmed in an empty section and never writes into a
retro.  ``TEMPLATES`` is what a "new file" or "new retro" dialog offers;
``new_file_text`` is a new retrospective file in one of them;
``prompts_for`` finds the prompts for a section of any file: the file's own
``Retro Template`` first, then the well-known formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrotui.model import RetroDocument, Section

ACTION_TABLE_HEADER = "| Item | Owner | Due Date | Status |\n|------|-------|----------|--------|\n"
_EXAMPLE_ROW = "| Example | @owner | YYYY-MM-DD | ☐ |\n"
_LEADING_NOISE = re.compile(r"[\W\d_]+")  # numbering, emoji, punctuation before a section's name


@dataclass(frozen=True, slots=True)
class TemplateSection:
    title: str
    prompts: tuple[str, ...] = ()
    actions: bool = False  # the action table goes here
    kind: str | None = None  # the SectionKind value the parser would give the title


@dataclass(frozen=True, slots=True)
class RetroTemplate:
    """A well-known retro format: ``name`` for the command line, ``label`` and ``description`` for people."""

    name: str
    label: str
    description: str
    sections: tuple[TemplateSection, ...]
    numbered: bool = False  # "### 1. Summary" rather than "### Summary"


_ACTIONS = TemplateSection("Action Items", ("Who does what, by when?",), True, "action_items")

SIX_SECTIONS = RetroTemplate(
    "six-sections",
    "Six sections",
    "Summary, what went well, what could improve, action items, metrics, follow-up (retrotui's own).",
    (
        TemplateSection("Summary", ("What was shipped?", "Which environments were affected?"), False, "summary"),
        TemplateSection(
            "What Went Well", ("What helped us deliver?", "What should we keep doing?"), False, "went_well"
        ),
        TemplateSection("What Could Improve", ("What slowed us down?", "What surprised us?"), False, "could_improve"),
        _ACTIONS,
        TemplateSection(
            "Metrics & Evidence",
            ("Link to dashboards or reports demonstrating outcomes.", "Include before/after comparisons if available."),
            False,
            "metrics",
        ),
        TemplateSection(
            "Follow-Up",
            ("Schedule for next review.", "Teams to brief (e.g., compliance, enablement)."),
            False,
            "follow_up",
        ),
    ),
    numbered=True,
)

TEMPLATES: tuple[RetroTemplate, ...] = (
    SIX_SECTIONS,
    RetroTemplate(
        "start-stop-continue",
        "Start / Stop / Continue",
        "What to start doing, what to stop doing, what to keep doing.",
        (
            TemplateSection("Start", ("What should we start doing?",)),
            TemplateSection("Stop", ("What should we stop doing?",)),
            TemplateSection("Continue", ("What works and should continue?",), False, "went_well"),
            _ACTIONS,
        ),
    ),
    RetroTemplate(
        "4ls",
        "4Ls",
        "Liked, learned, lacked, longed for.",
        (
            TemplateSection("Liked", ("What did we enjoy?",)),
            TemplateSection("Learned", ("What did we learn?",)),
            TemplateSection("Lacked", ("What was missing?",)),
            TemplateSection("Longed For", ("What do we wish we had?",)),
            _ACTIONS,
        ),
    ),
    RetroTemplate(
        "mad-sad-glad",
        "Mad / Sad / Glad",
        "What made us mad, what made us sad, what made us glad.",
        (
            TemplateSection("Mad", ("What drove us crazy?",)),
            TemplateSection("Sad", ("What disappointed us?",), False, "could_improve"),
            TemplateSection("Glad", ("What made us happy?",), False, "went_well"),
            _ACTIONS,
        ),
    ),
    RetroTemplate(
        "sailboat",
        "Sailboat",
        "Wind that pushes us, anchors that hold us back, rocks ahead, the island we aim for.",
        (
            TemplateSection("Wind", ("What pushed us forward?",)),
            TemplateSection("Anchors", ("What held us back?",)),
            TemplateSection("Rocks", ("What risks lie ahead?",)),
            TemplateSection("Island", ("Where are we heading?",)),
            _ACTIONS,
        ),
    ),
)


def template_named(name: str) -> RetroTemplate:
    """The template called ``name`` (any case); ``KeyError`` with the valid names otherwise."""
    folded = name.strip().casefold()
    for template in TEMPLATES:
        if folded in (template.name, template.label.casefold()):
            return template
    raise KeyError(f"unknown template {name!r}; choose one of: {', '.join(t.name for t in TEMPLATES)}")


def section_heading(template: RetroTemplate, index: int) -> str:
    section = template.sections[index]
    return f"{index + 1}. {section.title}" if template.numbered else section.title


def new_file_text(template: RetroTemplate = SIX_SECTIONS, today: str = "YYYY-MM-DD") -> str:
    """A new retrospective file: a header, the template with its prompts, and room for retros."""
    parts = [
        "# Retrospectives\n\n",
        "**Purpose:** Capture learnings and follow-up actions after each sprint.\n\n",
        "**Audience:** The team and anyone tracking delivery quality.\n\n",
        f"**Last Updated:** {today}\n\n",
        "---\n\n",
        "## Retro Template\n\n",
        f"{template.label}: {template.description} Complete this section at the end of each sprint.\n",
    ]
    for index, section in enumerate(template.sections):
        parts.append(f"\n### {section_heading(template, index)}\n")
        if section.actions:
            parts.append("\n" + ACTION_TABLE_HEADER + _EXAMPLE_ROW)
        else:
            parts.extend(f"- {prompt}\n" for prompt in section.prompts)
    parts.append("\n---\n\n## Historical Retrospectives\n")
    return "".join(parts)


# The editor's new file (``{today}`` filled in when it is created).
NEW_FILE = new_file_text(SIX_SECTIONS, "{today}")


def _plain_title(title: str) -> str:
    text = title.strip()
    lead = _LEADING_NOISE.match(text)
    if lead is not None:
        text = text[lead.end() :]
    return text.rstrip(" \t:：").casefold()


def _matches(section: Section, title: str, kind: object) -> bool:
    if _plain_title(section.title) == _plain_title(title):
        return True
    return section.kind is not None and section.kind == kind


def prompts_for(doc: RetroDocument, section: Section) -> list[str]:
    """The prompts to show dimmed in ``section`` while it is empty; never written to the file.

    The file's own ``Retro Template`` decides where it has a section of that
    title or kind with words in its bullets (they are the prompts); otherwise
    the first well-known format with a section of that title.
    """
    from retrotui.markdown.bullets import bullets
    from retrotui.model import TextBlock

    template = doc.template
    if template is not None:
        for candidate in template.sections:
            if _matches(candidate, section.title, section.kind):
                lines = "".join(b.text for b in candidate.blocks if isinstance(b, TextBlock))
                # The items as the section editor lists them: none from inside an HTML comment.
                prompts = [text for text in bullets(lines) if text]
                if prompts:
                    return prompts
                break  # the file's template leaves it blank: the well-known formats may have words for it
    wanted = _plain_title(section.title)
    for known in TEMPLATES:
        for choice in known.sections:
            if _plain_title(choice.title) == wanted:
                return list(choice.prompts)
    return []
