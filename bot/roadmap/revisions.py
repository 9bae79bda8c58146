"""``data/revisions/N.yaml``: which resources each step held at each earlier revision."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.roadmap.markdown import ImporterError

#: Revision number -> step id -> resource ids.
Revisions = dict[int, dict[str, list[str]]]


def load_revisions(directory: Path) -> Revisions:
    """Every ``N.yaml`` of ``directory``; they must be numbered 1, 2, … without gaps."""
    found: Revisions = {}
    problems: list[str] = []
    files = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            problems.append(f"{path}: cannot read: {exc}")
            continue
        if not path.stem.isdigit() or not _is_membership(data):
            problems.append(f"{path}: expected N.yaml mapping step ids to lists of resource ids")
            continue
        found[int(path.stem)] = data
    if sorted(found) != list(range(1, len(found) + 1)):
        problems.append(f"{directory}: revisions must be 1.yaml … N.yaml, found {sorted(found)}")
    if problems:
        raise ImporterError(problems)
    return found


def _is_membership(data: object) -> bool:
    return isinstance(data, dict) and all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(i, str) for i in v)
        for k, v in data.items()
    )


def current_revision(revisions: Revisions) -> int:
    """The revision being built: one after the last frozen one."""
    return len(revisions) + 1


def since(revisions: Revisions, step_id: str, resource_id: str) -> int:
    """The first revision from which the resource has been in this step without a break."""
    revision = current_revision(revisions)
    while revision > 1 and resource_id in revisions[revision - 1].get(step_id, []):
        revision -= 1
    return revision
