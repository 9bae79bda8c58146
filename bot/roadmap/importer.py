"""Build ``data/roadmap.yaml`` from the seed, the upstream document, the curation and the
frozen revisions.

``python -m bot import-roadmap`` parses the seed (:mod:`bot.roadmap.seed`) and the upstream
document (:mod:`bot.roadmap.upstream`), merges them with the curation
(:mod:`bot.roadmap.merge`), writes the YAML (:mod:`bot.roadmap.writer`) and checks the result
with the roadmap loader.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from bot.roadmap.curation import parse_curation
from bot.roadmap.loader import RoadmapError, parse_roadmap
from bot.roadmap.markdown import ImporterError
from bot.roadmap.merge import Inputs, build
from bot.roadmap.revisions import Revisions, load_revisions
from bot.roadmap.seed import parse_seed
from bot.roadmap.upstream import parse_upstream
from bot.roadmap.writer import render

_T = TypeVar("_T")

DEFAULT_SEED = "data/seed/python-backend-roadmap.md"
DEFAULT_UPSTREAM = "data/upstream/python-backend-roadmap-f56e40b.md"
DEFAULT_CURATION = "data/curation.yaml"
DEFAULT_REVISIONS = "data/revisions"
DEFAULT_OUTPUT = "data/roadmap.yaml"


def generate(
    seed_text: str,
    upstream_text: str,
    curation_text: str,
    revisions: Revisions,
    *,
    seed_path: str = DEFAULT_SEED,
    upstream_path: str = DEFAULT_UPSTREAM,
    curation_path: str = DEFAULT_CURATION,
) -> str:
    """The text of ``roadmap.yaml`` for the given inputs; validated before returning."""
    problems: list[str] = []
    seed = _collect(problems, parse_seed, seed_text, seed_path)
    upstream = _collect(problems, parse_upstream, upstream_text, upstream_path)
    curation = _collect(problems, parse_curation, curation_text, curation_path)
    if seed is None or upstream is None or curation is None:
        raise ImporterError(problems)
    inputs = Inputs(
        seed, upstream, curation, revisions, curation_text, seed_path, upstream_path, curation_path
    )
    data = build(inputs)
    text = render(data)
    if yaml.safe_load(text) != data:  # pragma: no cover - a bug in render()
        raise ImporterError(["internal error: the rendered YAML does not read back the same"])
    try:
        parse_roadmap(text, path="<generated roadmap>")
    except RoadmapError as exc:
        raise ImporterError(str(exc).splitlines()) from exc
    return text


def _collect(
    problems: list[str], parse: Callable[[str, str], _T], text: str, path: str
) -> _T | None:
    """What ``parse`` makes of ``text``, or ``None`` with its problems added to ``problems``."""
    try:
        return parse(text, path)
    except ImporterError as exc:
        problems += exc.problems
        return None


# -- command line ---------------------------------------------------------------------------


def cli(argv: list[str] | None = None) -> int:
    """``python -m bot import-roadmap``: 0 written / up to date, 1 out of date, 2 error."""
    parser = argparse.ArgumentParser(
        prog="python -m bot import-roadmap",
        description="Generate the roadmap YAML from the seed, the upstream document, the"
        " curation file and the frozen revisions.",
    )
    parser.add_argument("--seed", default=DEFAULT_SEED, help="Markdown seed (%(default)s)")
    parser.add_argument(
        "--upstream", default=DEFAULT_UPSTREAM, help="upstream Markdown (%(default)s)"
    )
    parser.add_argument(
        "--revisions", default=DEFAULT_REVISIONS, help="frozen revisions (%(default)s)"
    )
    parser.add_argument("--curation", default=DEFAULT_CURATION, help="curation (%(default)s)")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="roadmap YAML (%(default)s)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the output file differs from what would be generated",
    )
    args = parser.parse_args(argv)
    output = Path(args.output)
    try:
        text = generate(
            _read(Path(args.seed)),
            _read(Path(args.upstream)),
            _read(Path(args.curation)),
            load_revisions(Path(args.revisions)),
            seed_path=args.seed,
            upstream_path=args.upstream,
            curation_path=args.curation,
        )
    except ImporterError as exc:
        print(f"import-roadmap: {len(exc.problems)} problem(s):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    new = text.encode("utf-8")
    if args.check:
        current = output.read_bytes() if output.is_file() else None
        if current != new:
            state = "is missing" if current is None else "is out of date"
            print(f"{output} {state}: run `python -m bot import-roadmap`", file=sys.stderr)
            return 1
        print(f"{output} is up to date")
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_name(output.name + ".tmp")
    temporary.write_bytes(new)
    temporary.replace(output)
    print(f"wrote {output}")
    return 0


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImporterError([f"cannot read {path}: {exc}"]) from exc
