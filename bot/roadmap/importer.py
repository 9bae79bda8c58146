"""Build ``data/roadmap.yaml`` from the Markdown seed and the hand-curated ``data/curation.yaml``.

The seed supplies every seed link (title, URL, kind, language), the step numbers, the levels
and the English intros; the curation supplies ids, translations, modes and additions.

``python -m bot import-roadmap`` parses the seed (:mod:`bot.roadmap.seed`), merges the curation
into it (:mod:`bot.roadmap.curation`), writes the YAML (:mod:`bot.roadmap.writer`) and checks
the result with the roadmap loader.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from bot.roadmap.curation import build, parse_curation
from bot.roadmap.loader import RoadmapError, parse_roadmap
from bot.roadmap.seed import ImporterError, parse_seed
from bot.roadmap.writer import render

DEFAULT_SEED = "data/seed/python-backend-roadmap.md"
DEFAULT_CURATION = "data/curation.yaml"
DEFAULT_OUTPUT = "data/roadmap.yaml"


def generate(seed_text: str, curation_text: str) -> str:
    """The text of ``roadmap.yaml`` for a seed and a curation; validated before returning."""
    data = build(parse_seed(seed_text), parse_curation(curation_text))
    text = render(data)
    if yaml.safe_load(text) != data:  # pragma: no cover - a bug in render()
        raise ImporterError(["internal error: the rendered YAML does not read back the same"])
    try:
        parse_roadmap(text, path="<generated roadmap>")
    except RoadmapError as exc:
        raise ImporterError(str(exc).splitlines()) from exc
    return text


# -- command line ---------------------------------------------------------------------------


def cli(argv: list[str] | None = None) -> int:
    """``python -m bot import-roadmap``: 0 written / up to date, 1 out of date, 2 error."""
    parser = argparse.ArgumentParser(
        prog="python -m bot import-roadmap",
        description="Generate the roadmap YAML from the Markdown seed and the curation file.",
    )
    parser.add_argument("--seed", default=DEFAULT_SEED, help="Markdown seed (%(default)s)")
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
        seed_text = _read(Path(args.seed))
        text = generate(seed_text, _read(Path(args.curation)))
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
