"""Load and validate ``data/roadmap.yaml``, reporting every problem with its place and line."""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.roadmap.models import Roadmap

Loc = tuple[int | str, ...]

_ID_RULE = (
    "an id is 1-32 characters: lowercase letters a-z, digits and '-', "
    "starting and ending with a letter or digit (e.g. 'fluent-python')"
)
_EXPECTED = {
    "string_type": "text",
    "string_unicode": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "url_type": "a URL",
}
_PATH = re.compile(
    r"^(?P<path>[A-Za-z_]\w*(?:\[\d+\])*(?:\.[A-Za-z_]\w*(?:\[\d+\])*)*): (?P<msg>.+)$"
)


@dataclass(frozen=True)
class Problem:
    """One problem in a roadmap file."""

    location: str  # e.g. "steps[2].topics[0].resources[3].url"; "" for the whole file
    line: int | None  # 1-based line where that node starts
    message: str


class RoadmapError(Exception):
    """The roadmap file cannot be used; ``problems`` lists everything wrong with it."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = Path(path)
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        lines = [f"{self.path}: {count} problem{'' if count == 1 else 's'} in the roadmap file:"]
        for p in self.problems:
            where = f"{self.path}:{p.line}" if p.line is not None else f"{self.path}"
            lines.append(
                f"{where}: {p.location}: {p.message}" if p.location else f"{where}: {p.message}"
            )
        return "\n".join(lines)


def default_roadmap_path() -> Path:
    """The repository's ``data/roadmap.yaml`` (beside the package, else under the CWD)."""
    beside = Path(__file__).resolve().parent.parent.parent / "data" / "roadmap.yaml"
    return beside if beside.is_file() else Path.cwd() / "data" / "roadmap.yaml"


def load_roadmap(path: Path | str) -> Roadmap:
    """Read and validate a roadmap file; raises :class:`RoadmapError`."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise RoadmapError(path, [Problem("", None, "file not found")]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RoadmapError(path, [Problem("", None, f"cannot read the file: {reason}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        msg = f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save as UTF-8"
        raise RoadmapError(path, [Problem("", line, msg)]) from None
    return parse_roadmap(text, path=path)


def parse_roadmap(text: str, *, path: Path | str = "<string>") -> Roadmap:
    """Validate roadmap YAML text; raises :class:`RoadmapError` listing every problem."""
    try:
        result = _parse(text)
    except RecursionError:
        result = [Problem("", None, "the YAML is nested too deeply")]
    if isinstance(result, Roadmap):
        return result
    raise RoadmapError(path, sorted(result, key=lambda p: p.line or 0))


def _parse(text: str) -> Roadmap | list[Problem]:
    try:
        composed = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return [_syntax_problem(exc)]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        return [Problem("", line, f"character U+{exc.character:04X} is not allowed in YAML")]
    except yaml.YAMLError as exc:
        return [Problem("", None, f"invalid YAML: {exc}")]
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. an impossible date 2020-13-45
        return [Problem("", None, f"invalid YAML value: {exc}")]
    if isinstance(composed, list):
        return composed
    root, problems, data = composed
    try:
        roadmap = Roadmap.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            for problem in _validation_problems(err, root):
                if not _reported(problem, problems):
                    problems.append(problem)
        return problems
    return problems or roadmap


def _compose(text: str) -> tuple[MappingNode, list[Problem], Any] | list[Problem]:
    """The root node, the problems only the YAML nodes show, and the constructed data."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return [Problem("", None, "the file is empty: expected version, title, source, steps")]
        if not isinstance(root, MappingNode):
            found = _describe_node(root)
            msg = f"the top level must be a mapping (version, title, source, steps), not {found}"
            return [Problem("", _line(root), msg)]
        problems = _duplicate_keys(root) + _duplicate_ids(root)
        return root, problems, loader.construct_document(root)
    finally:
        loader.dispose()


def _syntax_problem(exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or "invalid YAML"
    context = f" ({exc.context})" if exc.context and exc.problem else ""
    kind = "invalid YAML value" if isinstance(exc, ConstructorError) else "YAML syntax error"
    return Problem("", mark.line + 1 if mark else None, f"{kind}: {what}{context}")


def _reported(problem: Problem, problems: list[Problem]) -> bool:
    """Whether the model's duplicate-id error was already found by the YAML scan."""
    return problem.message.startswith("duplicate") and any(
        p.location == problem.location and p.message.startswith("duplicate") for p in problems
    )


# -- YAML nodes -----------------------------------------------------------------------------


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _describe_node(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    return f"the value {node.value!r}" if node.value else "an empty value"


def _duplicate_keys(root: Node) -> list[Problem]:
    """Repeated keys in any mapping (PyYAML silently keeps the last one)."""
    problems: list[Problem] = []
    seen: set[int] = set()
    stack: list[tuple[Node, Loc]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack += [(item, (*loc, i)) for i, item in enumerate(node.value)]
        elif isinstance(node, MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, ScalarNode) else None
                if name is not None and name in first:
                    msg = f"duplicate key {name!r} (first at line {first[name]})"
                    problems.append(Problem(_format_loc((*loc, name)), _line(key), msg))
                elif name is not None:
                    first[name] = _line(key)
                stack.append((value, (*loc, name if name is not None else "?")))
    return problems


def _duplicate_ids(root: MappingNode) -> list[Problem]:
    """Step, topic and resource ids used twice, each reported where it repeats."""
    first: dict[str, dict[str, int]] = {"step": {}, "topic": {}, "resource": {}}
    problems: list[Problem] = []
    for si, step in _items(root, "steps"):
        entries: list[tuple[str, Loc, Node]] = [("step", ("steps", si), step)]
        for ti, topic in _items(step, "topics"):
            entries.append(("topic", ("steps", si, "topics", ti), topic))
            entries += [
                ("resource", ("steps", si, "topics", ti, "resources", ri), res)
                for ri, res in _items(topic, "resources")
            ]
        for what, loc, node in entries:
            id_node = _child(node, "id")
            if not isinstance(id_node, ScalarNode) or not id_node.value.strip():
                continue
            value, line = id_node.value.strip(), _line(id_node)
            if value in first[what]:
                msg = f"duplicate {what} id {value!r} (first at line {first[what][value]})"
                problems.append(Problem(_format_loc((*loc, "id")), line, msg))
            else:
                first[what][value] = line
    return problems


def _child(node: Node, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    found = [v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key]
    return found[-1] if found else None


def _items(node: Node, key: str) -> list[tuple[int, Node]]:
    child = _child(node, key)
    if not isinstance(child, SequenceNode):
        return []
    return [(i, item) for i, item in enumerate(child.value) if isinstance(item, MappingNode)]


def _line_of(root: Node, loc: Loc) -> int:
    """Line of the deepest node on ``loc`` (a key's own line for mapping entries)."""
    node, line = root, _line(root)
    for part in loc:
        if isinstance(node, MappingNode):
            pairs = [(k, v) for k, v in node.value if getattr(k, "value", None) == str(part)]
            if not pairs:
                break
            key, node = pairs[-1]
            line = _line(key)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = _line(node)
        else:
            break
    return line


def _format_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _parse_loc(text: str) -> Loc:
    loc: list[int | str] = []
    for name, index in re.findall(r"([A-Za-z_]\w*)|\[(\d+)\]", text):
        loc.append(name if name else int(index))
    return tuple(loc)


# -- pydantic errors ------------------------------------------------------------------------


def _validation_problems(err: ErrorDetails, root: Node) -> list[Problem]:
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    if kind in {"value_error", "assertion_error"}:
        return _model_check_problems(err["msg"], loc, root)
    if kind == "missing":
        parent = loc[:-1]
        return [Problem(_format_loc(parent), _line_of(root, parent), f"missing field {loc[-1]!r}")]
    return [Problem(_format_loc(loc), _line_of(root, loc), _message(err, loc))]


def _model_check_problems(msg: str, loc: Loc, root: Node) -> list[Problem]:
    """Split a model validator's ``"; "``-joined message into located problems."""
    problems = []
    for part in msg.removeprefix("Value error, ").split("; "):
        match = _PATH.match(part)
        where = (*loc, *_parse_loc(match["path"])) if match else loc
        text = match["msg"] if match else part
        problems.append(Problem(_format_loc(where), _line_of(root, where), text))
    return problems


def _message(err: ErrorDetails, loc: Loc) -> str:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err["input"]
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = f" (allowed: {', '.join(model.model_fields)})" if model else ""
        return f"unknown key {loc[-1]!r}{allowed}"
    if kind in {"enum", "literal_error"}:
        return f"invalid {field} {_show(value)}: must be {ctx.get('expected', '?')}"
    if kind == "string_pattern_mismatch" and field == "id":
        return f"invalid id {_show(value)}: {_ID_RULE}"
    if kind.startswith("url_") and kind != "url_type":
        reason = err["msg"].removeprefix("Input should be a valid URL, ")
        return f"invalid URL {_show(value)}: {reason}"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {_describe_value(value)}"
    if kind in {"too_short", "string_too_short"} and ctx.get("min_length") == 1:
        return f"{field} must not be empty"
    if kind == "string_too_long":
        return f"{field} is too long (at most {ctx.get('max_length')} characters)"
    if kind == "greater_than_equal":
        return f"{field} must be at least {ctx.get('ge')}, got {_show(value)}"
    if kind == "less_than_equal":
        return f"{field} must be at most {ctx.get('le')}, got {_show(value)}"
    return f"{field}: {err['msg']}"


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe_value(value: object) -> str:
    if value is None:
        return "an empty value (null)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"text {_show(value)}"
    return f"{type(value).__name__} {_show(value)}"


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that validates the node at ``loc``, if any."""
    annotation: Any = Roadmap
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int) and get_origin(annotation) is list:
            annotation = get_args(annotation)[0]
        elif _is_model(annotation) and part in annotation.model_fields:
            annotation = annotation.model_fields[part].annotation
        else:
            return None
    annotation = _unwrap(annotation)
    return annotation if _is_model(annotation) else None


def _unwrap(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
