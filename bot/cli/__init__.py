"""Operator tools behind ``python -m bot <command>``: ``chat``, ``check`` and ``health``."""

from __future__ import annotations

import re

_ROLE = re.compile(r":[a-z]+:`([^`]*)`")


def plain(doc: str | None) -> str:
    """A docstring as ``--help`` shows it: without reStructuredText's ``literals`` and roles."""
    return _ROLE.sub(r"\1", doc or "").replace("``", "")
