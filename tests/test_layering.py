"""The layering holds: arrows point one way, only the store speaks SQL, and no import circles.

The imports are read from the source (every `import`, also inside functions and under
`if TYPE_CHECKING:`, which hides a circle from Python but not from a reader), so the test
needs no running app and fails on the line that breaks a rule.

    ui -> (delivery, listener, store, runtime) -> core
    runtime (the composition roots' shared builder) -> (store, listener) -> core
    cli (the entry points) -> anything
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop"

# What each layer may import (besides the standard library and third-party packages).
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "store": {"core", "store"},
    "delivery": {"core", "delivery"},
    "listener": {"core", "listener", "store"},
    # Provider API clients (Qt-free); they keep secrets and endpoints through the store's
    # non-SQL stores (keyring / JSON files), as the listener does.
    "subscriptions": {"core", "store", "subscriptions"},
    "runtime": {"core", "store", "listener", "runtime"},
    "resources": {"resources"},
    "ui": {"core", "store", "delivery", "listener", "runtime", "resources", "subscriptions", "ui"},
    "cli": {"core", "store", "delivery", "listener", "runtime", "resources", "subscriptions", "ui", "cli"},
    "desktop": set(),
}

ENGINE_MODULES = {"sqlite3", "sqlite_utils", "psycopg", "psycopg_pool"}

# SQL as code, not prose: statements, and conditions glued to column names.
SQL_TEXT = re.compile(
    r"\bSELECT\b.+\bFROM\b|\bINSERT\s+(OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b"
    r"|\bCREATE\s+(TABLE|INDEX|VIRTUAL|TRIGGER|VIEW)\b|\bDROP\s+(TABLE|INDEX)\b|\bPRAGMA\s+\w+"
    r"|\b(WHERE|AND|OR)\s+[a-z_]+(\.[a-z_]+)?\s*(=|<|>|\bIN\b|\bIS\b|\bLIKE\b)",
    re.DOTALL,
)


@dataclass(frozen=True)
class Import:
    source: str  # importing module, e.g. desktop.ui.events.model
    target: str  # imported module, e.g. desktop.store.events (or sqlite3)
    line: int

    def __str__(self) -> str:
        return f"{self.source}:{self.line} imports {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "desktop"


def _resolve(source: str, is_package: bool, level: int, name: str | None) -> str:
    if level == 0:
        return name or ""
    base = source.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def imports_of(module: str) -> Iterator[Import]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(), str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node.level, node.module)
            for alias in node.names:
                # `from desktop.core import providers` imports a module, not a name.
                candidate = f"{base}.{alias.name}"
                yield Import(module, candidate if candidate in MODULES else base, node.lineno)


ALL_IMPORTS = [imp for module in MODULES for imp in imports_of(module)]
INTERNAL = [imp for imp in ALL_IMPORTS if imp.target in MODULES]


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_only_the_store_imports_a_database_engine():
    offending = [
        str(imp)
        for imp in ALL_IMPORTS
        if imp.target.split(".")[0] in ENGINE_MODULES and layer(imp.source) != "store"
    ]
    assert offending == []


def test_no_sql_text_outside_the_store():
    offending = []
    for module, path in MODULES.items():
        if layer(module) == "store":
            continue
        tree = ast.parse(path.read_text(), str(path))
        docstrings = _docstring_nodes(tree)
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) and id(node) not in docstrings else None
            if isinstance(text, str) and SQL_TEXT.search(text):
                offending.append(f"{module}:{node.lineno}: {text[:60]!r}")
    assert offending == []


def test_every_layer_imports_only_the_layers_below_it():
    offending = [
        str(imp) for imp in INTERNAL if layer(imp.target) not in ALLOWED[layer(imp.source)] | {"desktop"}
    ]
    assert offending == []


# What the window and the CLI commands may import from the store: its interface, the errors
# of opening it, `maintain` and `import` (whole-file operations), and the stores that are not SQL (JSON
# files, the keyring). The composition
# root (runtime) builds the SQLite engine and hands it down.
STORE_FACING = {
    "desktop.store.interface",
    "desktop.store.database",
    "desktop.store.maintenance",
    "desktop.store.importer",
    "desktop.store.endpoints",
    "desktop.store.secrets",
    "desktop.store.saved_filters",
}


def test_the_ui_and_the_commands_reach_the_store_only_through_its_interface():
    offending = [
        str(imp)
        for imp in INTERNAL
        if layer(imp.source) in {"ui", "cli"}
        and layer(imp.target) == "store"
        and imp.target not in STORE_FACING
    ]
    assert offending == []


def test_the_store_never_imports_delivery_and_core_imports_no_other_layer():
    # The two rules of the issue, spelled out (they are also in ALLOWED above).
    assert [str(i) for i in INTERNAL if layer(i.source) == "store" and layer(i.target) == "delivery"] == []
    assert [str(i) for i in INTERNAL if layer(i.source) == "core" and layer(i.target) != "core"] == []


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), or a self-import."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _is_parent_package(source: str, target: str) -> bool:
    # A package's __init__ importing its own submodules (and those importing siblings through
    # the package) is how a package exposes its names, not a circle between modules.
    return source.startswith(target + ".") or target.startswith(source + ".")


def test_no_import_circles_between_modules():
    edges: dict[str, set[str]] = {}
    for imp in INTERNAL:
        if imp.source != imp.target and not _is_parent_package(imp.source, imp.target):
            edges.setdefault(imp.source, set()).add(imp.target)
    assert _cycles(edges) == []


def test_no_import_circles_between_layers():
    edges: dict[str, set[str]] = {}
    for imp in INTERNAL:
        if layer(imp.source) != layer(imp.target):
            edges.setdefault(layer(imp.source), set()).add(layer(imp.target))
    assert _cycles(edges) == []


def test_the_checks_see_what_they_look_for():
    """The rules above would catch a breach (guards against a walker that finds nothing)."""
    assert len(INTERNAL) > 200
    assert any(i.target == "sqlite3" and layer(i.source) == "store" for i in ALL_IMPORTS)
    assert SQL_TEXT.search("SELECT id FROM events WHERE id > ?")
    assert SQL_TEXT.search("(x) AND events.derived = 1")
    assert not SQL_TEXT.search("provider:juno AND status:PAID")
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c"]]
