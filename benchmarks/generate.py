"""Large synthetic retrospective files for the benchmarks (deterministic)."""

from __future__ import annotations

import datetime as dt
import random

OWNERS = ["Platform Eng", "Platform Lead", "@sre-oncall", "Ops", "Ana", "Bo", "Data Team", "Security"]
STATUSES = ["☐", "☐", "☐", "☑", "✅", "in progress"]


def big_document(retros: int = 1000, actions_per_retro: int = 10, seed: int = 7) -> str:
    """A seed-style file, oldest first, with ``retros`` × ``actions_per_retro`` action rows."""
    rng = random.Random(seed)
    start = dt.date(2020, 1, 6)
    head = (
        "# Volcano Integration Retrospective\n\n"
        "**Purpose:** Capture learnings and follow-up actions after each major Volcano rollout milestone.\n\n"
        "**Audience:** Platform team, SRE leadership, stakeholders tracking delivery quality.\n\n"
        "**Last Updated:** 2025-10-17\n\n---\n\n## Retro Template\n\n"
        "### 1. Summary\n- What was shipped?\n\n### 2. What Went Well\n- \n\n### 3. What Could Improve\n- \n\n"
        "### 4. Action Items\n\n| Item | Owner | Due Date | Status |\n|------|-------|----------|--------|\n"
        "| Example | @owner | YYYY-MM-DD | ☐ |\n\n### 5. Metrics & Evidence\n- Dashboards.\n\n"
        "### 6. Follow-Up\n- Next review.\n\n---\n\n## Historical Retrospectives\n"
    )
    parts = [head]
    for n in range(retros):
        day = start + dt.timedelta(days=14 * n)
        parts.append(f"\n## Sprint {n} – Iteration {n} (${day.isoformat()})\n\n".replace("$", ""))
        parts.append(
            "### 1. Summary\n"
            f"- Shipped increment {n} of the scheduler migration to staging and production.\n"
            "- Moved two more queues behind the new admission controller.\n\n"
            "### 2. What Went Well\n"
            "- Rollout went out without paging anyone.\n"
            f"- Dashboards for queue wait were ready before wave {n}.\n\n"
            "### 3. What Could Improve\n"
            "- Flaky preemption tests slowed down reviews again.\n\n"
            "### 4. Action Items\n\n"
            "| Item | Owner | Due Date | Status |\n|------|-------|----------|--------|\n"
        )
        for k in range(actions_per_retro):
            due = day + dt.timedelta(days=rng.randint(3, 30))
            parts.append(
                f"| Follow up on finding {n}.{k}: tune queue {rng.randint(1, 99)} weights | "
                f"{rng.choice(OWNERS)} | {due.isoformat()} | {rng.choice(STATUSES)} |\n"
            )
        parts.append(
            "\n### 5. Metrics & Evidence\n"
            f"- p95 queue wait: {rng.randint(5, 60)} s\n- Dashboard: `grafana/volcano-queues`\n\n"
            "### 6. Follow-Up\n"
            f"- Next review {(day + dt.timedelta(days=14)).isoformat()}.\n"
        )
    return "".join(parts)
