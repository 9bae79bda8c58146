"""Operator tools behind ``python -m bot <command>``: ``chat`` and ``check``."""
