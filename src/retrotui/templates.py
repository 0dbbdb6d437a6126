"""Text for files retrotui creates itself."""

from __future__ import annotations

NEW_FILE = """\
# Retrospectives

**Purpose:** Capture learnings and follow-up actions after each sprint.

**Audience:** The team and anyone tracking delivery quality.

**Last Updated:** {today}

---

## Retro Template

Complete this section at the end of each sprint or release wave.

### 1. Summary
- What was shipped?

### 2. What Went Well
- 

### 3. What Could Improve
- 

### 4. Action Items

| Item | Owner | Due Date | Status |
|------|-------|----------|--------|
| Example | @owner | YYYY-MM-DD | ☐ |

### 5. Metrics & Evidence
- Link to dashboards or reports demonstrating outcomes.

### 6. Follow-Up
- Schedule for next review.

---

## Historical Retrospectives
"""
