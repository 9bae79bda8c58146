"""Build ``data/roadmap.yaml`` from the Markdown seed and the hand-curated ``data/curation.yaml``.

The seed supplies every seed link (title, URL, kind, language), the step numbers, the levels
and the English intros; the curation supplies ids, translations, modes and additions.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.roadmap.loader import RoadmapError, parse_roadmap
from bot.roadmap.models import Kind, Language, Level, LocalizedText, StepMode

DEFAULT_SEED = "data/seed/python-backend-roadmap.md"
DEFAULT_CURATION = "data/curation.yaml"
DEFAULT_OUTPUT = "data/roadmap.yaml"

_KINDS = {"book": Kind.BOOK, "books": Kind.BOOK, "video": Kind.VIDEO, "videos": Kind.VIDEO}
_KINDS |= {"platform": Kind.PLATFORM, "platforms": Kind.PLATFORM, "docs": Kind.DOCS}
_LANGUAGES = {"English": Language.EN, "Persian": Language.FA}
_H1 = re.compile(r"^#\s+(?P<text>.+?)\s*$")
_H2 = re.compile(r"^##\s+(?P<text>.+?)\s*$")
_STEP = re.compile(r"^Step\s+(?P<number>\d+)\s*:\s*\S")
_ITEM = re.compile(r"^(?P<indent>\s*)[-*+]\s+(?P<body>.*?)\s*$")
_H3 = re.compile(r"^###\s+(?P<text>.+)$")
_BOLD = re.compile(r"^\*\*(?P<text>[^*]+)\*\*$")
_LINK = re.compile(r"^\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)(?:\s+\((?P<lang>[^)]+)\))?$")


class ImporterError(Exception):
    """The seed or the curation cannot be turned into a roadmap; one problem per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


# -- the Markdown seed ----------------------------------------------------------------------


@dataclass(frozen=True)
class SeedLink:
    title: str
    url: str
    kind: Kind
    language: Language | None
    line: int


@dataclass
class SeedSection:
    """A ``### Heading`` or a bold level (``**Beginner**``) inside a step."""

    name: str
    level: Level | None
    links: list[SeedLink] = field(default_factory=list)


@dataclass
class SeedStep:
    heading: str
    number: int | None
    prose: list[str] = field(default_factory=list)
    sections: list[SeedSection] = field(default_factory=list)
    links: list[SeedLink] = field(default_factory=list)  # listed directly under the step


@dataclass
class Seed:
    title: str
    steps: list[SeedStep]


@dataclass
class _Frame:
    indent: int
    section: SeedSection | None = None
    kind: Kind | None = None


def repair_mojibake(line: str) -> str:
    """Undo UTF-8 that was decoded as Mac Roman (``üéâ`` → ``🎉``); other text is unchanged."""
    try:
        return line.encode("mac_roman").decode("utf-8")
    except UnicodeError:
        return line


def plain_text(line: str) -> str:
    """A seed prose line as plain text: mojibake repaired, Markdown markup dropped."""
    text = repair_mojibake(line).strip()
    text = text.removesuffix("\\").replace("**", "")
    return re.sub(r"[ \t]+", " ", text).strip()


def parse_seed(text: str) -> Seed:
    """Parse the seed's steps, sections and links; unknown constructs are errors."""
    title, steps, errors = "", list[SeedStep](), list[str]()
    stack: list[_Frame] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        if (h1 := _H1.match(raw)) and not title and not steps:
            title = h1["text"]
            continue
        if h2 := _H2.match(raw):
            step_no = _STEP.match(h2["text"])
            steps.append(SeedStep(h2["text"], int(step_no["number"]) if step_no else None))
            stack = []
            continue
        if not steps:
            errors.append(f"seed line {number}: text before the first step: {raw.strip()!r}")
            continue
        step = steps[-1]
        item = _ITEM.match(raw)
        if item is None:
            step.prose.append(plain_text(raw))
            continue
        indent, body = len(item["indent"]), item["body"]
        while stack and stack[-1].indent >= indent:
            stack.pop()
        section = next((f.section for f in reversed(stack) if f.section), None)
        kind = next((f.kind for f in reversed(stack) if f.kind), None)
        problem = _parse_item(step, stack, indent, body, section, kind, number)
        if problem:
            errors.append(f"seed line {number}: {problem}: {raw.strip()!r}")
    if errors:
        raise ImporterError(errors)
    return Seed(title, steps)


def _parse_item(
    step: SeedStep,
    stack: list[_Frame],
    indent: int,
    body: str,
    section: SeedSection | None,
    kind: Kind | None,
    line: int,
) -> str | None:
    """Apply one list item to the step; return a problem or ``None``."""
    heading, bold, link = _H3.match(body), _BOLD.match(body), _LINK.match(body)
    level = Level(bold["text"].strip().lower()) if bold and _is_level(bold["text"]) else None
    if heading or level:
        name = heading["text"].strip() if heading else bold["text"].strip() if bold else ""
        if section or kind:
            return "a section heading nested inside another section"
        if any(s.name == name for s in step.sections):
            return f"a second section named {name!r} in the same step"
        new = SeedSection(name, level)
        step.sections.append(new)
        stack.append(_Frame(indent, section=new))
    elif bold:
        new_kind = _KINDS.get(bold["text"].strip().lower())
        if new_kind is None:
            return f"unknown bold heading (not a kind {sorted(_KINDS)} nor a level)"
        stack.append(_Frame(indent, kind=new_kind))
    elif link:
        tag = link["lang"]
        if tag is not None and tag not in _LANGUAGES:
            return f"unknown language tag ({tag})"
        language = _LANGUAGES[tag] if tag else None
        found = SeedLink(link["title"], link["url"], kind or Kind.LINK, language, line)
        (section.links if section else step.links).append(found)
    else:
        return "unrecognised list item"
    return None


def _is_level(text: str) -> bool:
    return text.strip().lower() in {lvl.value for lvl in Level}


# -- the curation ---------------------------------------------------------------------------


class _Curated(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PinnedId(_Curated):
    id: str
    url: str
    language: Language | None


class Addition(_Curated):
    id: str
    title: str
    url: str
    kind: Kind
    language: Language | None
    added: Literal[True]


class CuratedIntro(_Curated):
    en: str | None = None  # only where the seed step has no prose of its own
    fa: str


class CuratedTopic(_Curated):
    id: str
    title: LocalizedText
    seed: str | None = None
    seed_step_links: bool = False
    shared: bool = False
    additions: list[Addition] = []


class CuratedStep(_Curated):
    seed: str
    id: str
    title: LocalizedText
    mode: StepMode
    intro: CuratedIntro | None = None
    topics: list[CuratedTopic]


class Curation(_Curated):
    title: LocalizedText
    source: str
    resource_ids: list[PinnedId]
    steps: list[CuratedStep]


def parse_curation(text: str) -> Curation:
    """Parse and type-check ``curation.yaml``."""
    try:
        return Curation.model_validate(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        raise ImporterError([f"curation: invalid YAML: {exc}"]) from exc
    except ValidationError as exc:
        problems = [
            f"curation: {'.'.join(str(p) for p in err['loc']) or '<top>'}: {err['msg']}"
            for err in exc.errors()
        ]
        raise ImporterError(problems) from exc


# -- merging --------------------------------------------------------------------------------

Data = dict[str, Any]


def build(seed: Seed, curation: Curation) -> Data:
    """Merge seed and curation into the plain data of ``roadmap.yaml``."""
    errors: list[str] = []
    pins: dict[tuple[str, Language | None], str] = {}
    for pin in curation.resource_ids:
        key = (pin.url, pin.language)
        if key in pins:
            errors.append(f"curation: {pin.url} ({pin.language}) is pinned twice")
        pins[key] = pin.id
    used: set[tuple[str, Language | None]] = set()
    seed_heads = [s.heading for s in seed.steps]
    curated_heads = [s.seed for s in curation.steps]
    if curated_heads != seed_heads:
        errors.append(f"curation: steps {curated_heads} must be the seed's steps {seed_heads}")
    steps = [
        _build_step(seed_step, cur, pins, used, errors)
        for seed_step, cur in zip(seed.steps, curation.steps, strict=False)
        if seed_step.heading == cur.seed
    ]
    for (url, language), rid in pins.items():
        if (url, language) not in used:
            errors.append(f"curation: pinned id {rid!r} ({url}, {language}) matches no seed link")
    if errors:
        raise ImporterError(errors)
    return {
        "version": 1,
        "title": curation.title.model_dump(),
        "source": curation.source,
        "steps": steps,
    }


def _build_step(
    seed: SeedStep,
    cur: CuratedStep,
    pins: dict[tuple[str, Language | None], str],
    used: set[tuple[str, Language | None]],
    errors: list[str],
) -> Data:
    where = f"step {cur.id!r}"
    sections = {s.name: s for s in seed.sections}
    taken: list[str] = []
    topics: list[Data] = []
    for topic in cur.topics:
        links: list[SeedLink] = []
        level: Level | None = None
        if topic.seed is not None:
            section = sections.get(topic.seed)
            if section is None:
                errors.append(f"{where}: topic {topic.id!r}: no seed section {topic.seed!r}")
            else:
                links, level = section.links, section.level
                taken.append(section.name)
        elif topic.seed_step_links:
            links = seed.links
            taken.append("")
        if links and topic.additions:
            errors.append(f"{where}: topic {topic.id!r}: additions only where the seed is empty")
        resources: list[Data] = []
        for link in links:
            rid = pins.get((link.url, link.language))
            used.add((link.url, link.language))
            if rid is None:
                errors.append(
                    f"seed line {link.line}: link {link.title!r} {link.url} "
                    f"({link.language}) has no pinned id in curation resource_ids"
                )
                continue
            resources.append(_resource(rid, link.title, link.url, link.kind, link.language))
        for add in topic.additions:
            resources.append(_resource(add.id, add.title, add.url, add.kind, add.language, True))
        if not resources:
            errors.append(f"{where}: topic {topic.id!r} has no resources")
        topics.append(_topic(topic, level, resources))
    expected = [s.name for s in seed.sections] + ([""] if seed.links else [])
    if taken != [name for name in expected if name in taken] or set(taken) != set(expected):
        errors.append(
            f"{where}: topics must take each seed section once, in seed order: "
            f"seed has {expected}, curation takes {taken} ('' = the step's own links)"
        )
    step: Data = {"id": cur.id, "number": seed.number, "title": cur.title.model_dump()}
    step["mode"] = cur.mode.value
    intro = _intro(seed, cur, errors)
    if intro:
        step["intro"] = intro
    step["topics"] = topics
    return step


def _intro(seed: SeedStep, cur: CuratedStep, errors: list[str]) -> dict[str, str] | None:
    seed_en = "\n".join(line for line in seed.prose if line)
    if cur.intro is None:
        if seed_en:
            errors.append(f"step {cur.id!r}: the seed has an intro: translate it (intro.fa)")
        return None
    if seed_en and cur.intro.en:
        errors.append(f"step {cur.id!r}: intro.en comes from the seed; remove it from curation")
    en = seed_en or cur.intro.en
    if not en:
        errors.append(f"step {cur.id!r}: intro.fa without an English intro")
        return None
    return {"en": en, "fa": cur.intro.fa.strip()}


def _topic(topic: CuratedTopic, level: Level | None, resources: list[Data]) -> Data:
    data: Data = {"id": topic.id, "title": topic.title.model_dump()}
    if level is not None:
        data["level"] = level.value
    if topic.shared:
        data["shared"] = True
    data["resources"] = resources
    return data


def _resource(
    rid: str, title: str, url: str, kind: Kind, language: Language | None, added: bool = False
) -> Data:
    data: Data = {"id": rid, "title": title, "url": url, "kind": kind.value}
    data["language"] = language.value if language else None
    if added:
        data["added"] = True
    return data


# -- rendering ------------------------------------------------------------------------------

HEADER = """\
# Python Backend Engineer Roadmap: the content the bot walks learners through.
#
# GENERATED by `python -m bot import-roadmap` from the Markdown seed
# (data/seed/python-backend-roadmap.md) and the hand-curated data/curation.yaml;
# `python -m bot import-roadmap --check` tells whether this file still matches them.
#
# Operators may edit this file by hand (the bot validates it on load and reports the line
# of every problem), but KEEP IDS STABLE: step, topic and resource ids are the keys of
# learners' saved progress. Give new entries new ids; never rename or reuse an id.
# Re-running the importer overwrites hand edits: make lasting changes in data/curation.yaml.
#
# `added: true` marks a resource that is not in the seed (the project added it where the
# seed leaves a section empty); `language: null` marks an untagged, any-language resource.
"""
INTRO_COMMENT = "# Plain text, no Markdown or HTML: the bot formats it when it shows it."


def render(data: Data) -> str:
    """The YAML text of ``roadmap.yaml``: block style, fixed key order, comments."""
    out = [HEADER, f"version: {_scalar(data['version'])}"]
    out += _text("title", data["title"], 0)
    out.append(f"source: {_scalar(data['source'])}")
    out.append("steps:")
    for index, step in enumerate(data["steps"]):
        if index:
            out.append("")
        out += _mapping(step, 4, first="- ")
    return "\n".join(out) + "\n"


def _mapping(data: Data, indent: int, first: str = "") -> list[str]:
    """A block mapping; ``first`` (``"- "``) prefixes the first key of a sequence item."""
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        lead = (pad[: indent - len(first)] + first) if first and not lines else pad
        if isinstance(value, dict):
            if key == "intro":
                lines.append(pad + INTRO_COMMENT)
            start = len(lines)
            lines += _text(key, value, indent)
            lines[start] = lead + lines[start][indent:]
        elif isinstance(value, list):
            lines.append(f"{lead}{key}:")
            for item in value:
                lines += _mapping(item, indent + 4, first="- ")
        else:
            lines.append(f"{lead}{key}: {_scalar(value)}")
    return lines


def _text(key: str, value: dict[str, str], indent: int) -> list[str]:
    pad = " " * indent
    lines = [f"{pad}{key}:"]
    for lang, text in value.items():
        if "\n" in text and _block_safe(text):
            lines.append(f"{pad}  {lang}: |-")
            lines += [f"{pad}    {part}" if part else "" for part in text.split("\n")]
        else:
            lines.append(f"{pad}  {lang}: {_scalar(text)}")
    return lines


def _block_safe(text: str) -> bool:
    """Whether ``text`` survives a ``|-`` literal block unchanged."""
    printable = all(ch == "\n" or _yaml_printable(ch) for ch in text)
    return printable and text == text.strip() and "\n\n" not in text


def _yaml_printable(ch: str) -> bool:
    code = ord(ch)
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    )


def _scalar(value: object) -> str:
    """One YAML scalar on one line, quoted only when YAML needs it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    dumped: str = yaml.safe_dump(value, allow_unicode=True, width=1 << 30)
    dumped = dumped.removesuffix("\n...\n").rstrip("\n")
    if "\n" in dumped:
        dumped = yaml.safe_dump(value, allow_unicode=True, width=1 << 30, default_style='"')
        dumped = dumped.rstrip("\n")
    return dumped


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
