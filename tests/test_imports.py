"""The project's modules import each other without a cycle: imports inside functions count, `if TYPE_CHECKING:` ones do not."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("coders", "schemas", "warehouse", "flows", "dyadflow", "benchmarks")


def project_modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the project's packages (a package is its __init__)."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imported(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """The project modules a module imports, anywhere in it but under `if TYPE_CHECKING:`."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = alias.name
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target:
                    found.add(target)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                if f"{base}.{alias.name}" in modules:
                    found.add(f"{base}.{alias.name}")  # "from coders.events import syntax": the submodule
                elif base in modules:
                    found.add(base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(name)
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph as [a, b, ..., a], or None when there is none."""
    done: set[str] = set()
    trail: list[str] = []
    on_trail: set[str] = set()

    def walk(node: str) -> list[str] | None:
        trail.append(node)
        on_trail.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt in on_trail:
                return [*trail[trail.index(nxt) :], nxt]
            if nxt not in done:
                cycle = walk(nxt)
                if cycle:
                    return cycle
        trail.pop()
        on_trail.discard(node)
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done:
            cycle = walk(start)
            if cycle:
                return cycle
    return None


def test_find_cycle_names_a_cycle_and_passes_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_imports_inside_functions_count_and_type_checking_ones_do_not(tmp_path):
    path = tmp_path / "mod.py"
    path.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.a\n\ndef f():\n    from pkg import b\n",
        encoding="utf-8",
    )
    modules = {"pkg": tmp_path, "pkg.a": tmp_path, "pkg.b": tmp_path, "pkg.mod": path}
    assert imported(path, "pkg.mod", modules) == {"pkg.b"}


def test_the_project_has_no_import_cycle():
    modules = project_modules()
    graph = {name: imported(path, name, modules) for name, path in modules.items()}
    assert "coders.events.coder" in graph and graph["coders.events.coder"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])
