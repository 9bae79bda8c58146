"""Errors the services raise for the handlers to answer."""

from __future__ import annotations


class UnknownItem(LookupError):
    """A button named a resource, topic or step that is not (or no longer) in the roadmap."""
