"""Moved to `desktop.core.targets` (a target is a record the store reads and writes too).

Kept so that code written against the old place still imports; new code imports from core.
"""

from __future__ import annotations

from desktop.core.targets import DEFAULT_TIMEOUT_S, Target, TargetError, validate_url

__all__ = ["DEFAULT_TIMEOUT_S", "Target", "TargetError", "validate_url"]
