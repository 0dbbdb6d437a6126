"""Printing benchmark results against their targets."""

from __future__ import annotations


def report(checks: list[tuple[str, float, float]]) -> int:
    """Print each ``(name, value, target)`` with ok/MISSED; 1 if any target was missed."""
    failed = False
    for name, value, target in checks:
        verdict = "ok" if value <= target else "MISSED"
        failed |= value > target
        print(f"  {name:<38} {value:7.2f}  (target <= {target})  {verdict}")
    return 1 if failed else 0
