"""The shape of the code: no import cycles, and no module too long to read in one sitting.

The layering rules themselves are import-linter contracts (``[tool.importlinter]`` in
pyproject.toml, checked by ``lint-imports``); these tests add what contracts cannot say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "fake_bot_api")
MAX_LINES = 400


def product_files() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> grimp.ImportGraph:
    # Imports under `if TYPE_CHECKING:` and inside functions count: a cycle through them
    # is still a knot in the design, one refactoring away from an ImportError.
    return grimp.build_graph(*PACKAGES, exclude_type_checking_imports=False, cache_dir=None)


def strongly_connected(
    nodes: Iterable[str], successors: Callable[[str], Iterable[str]]
) -> list[list[str]]:
    """Tarjan's algorithm, without recursion: the strongly connected components, each sorted."""
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(nodes):
        if root in index:
            continue
        index[root] = lowlink[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(sorted(successors(root))))]
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = lowlink[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(successors(child)))))
                elif child in on_stack:
                    lowlink[node] = min(lowlink[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
            if lowlink[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def test_tarjan_finds_cycles_and_only_cycles() -> None:
    edges = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": ["e"], "e": ["d"], "f": ["f"]}
    components = strongly_connected(edges, lambda node: edges.get(node, []))
    assert sorted(components) == [["a", "b", "c"], ["d", "e"], ["f"]]


def test_the_import_checks_see_every_module() -> None:
    """A folder without ``__init__.py`` is invisible to grimp, so to the checks here."""
    graph = import_graph()
    unseen = [
        str(p.relative_to(ROOT)) for p in product_files() if module_name(p) not in graph.modules
    ]
    where = ", ".join(unseen)
    assert not unseen, f"not in the import graph (does the folder lack __init__.py?): {where}"


def test_no_import_cycles() -> None:
    graph = import_graph()
    imports = graph.find_modules_directly_imported_by
    cycles = [
        component
        for component in strongly_connected(graph.modules, imports)
        if len(component) > 1 or component[0] in imports(component[0])
    ]
    shown = "\n".join(", ".join(component) for component in cycles)
    assert not cycles, f"modules that import each other, directly or round a circle:\n{shown}"


def test_no_module_is_over_the_length_limit() -> None:
    lengths = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in product_files()
    }
    too_long = {path: lines for path, lines in lengths.items() if lines > MAX_LINES}
    assert not too_long, f"over {MAX_LINES} lines (split by what the parts hold): {too_long}"
