"""The package's layers, checked from its imports: every import runs down a layer (or
within one, without a circle), and no import hides inside a function."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
# Bottom to top: a module may import from its own layer or any layer below it.
LAYERS = [
    ("pipeline.errors", "pipeline.paths"),
    ("pipeline.extraction",),
    ("pipeline.claims",),
    ("pipeline.readers",),
    ("pipeline.store",),
    ("pipeline.views",),
    ("pipeline.cli", "pipeline.__main__"),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    if module == "pipeline":
        return 0  # the package itself: empty
    for number, prefixes in enumerate(LAYERS):
        if any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes):
            return number
    raise AssertionError(f"{module} is in no layer")


def imports_of(path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, whether the import sits inside a function) for each project import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.startswith("pipeline"):
                    names = [f"{target}.{alias.name}" for alias in child.names]
                    found.extend((name if (PACKAGE.parent / name.replace(".", "/")).with_suffix(".py").exists()
                               or (PACKAGE.parent / name.replace(".", "/")).is_dir() else target, child.lineno, inside)
                              for name in names)
            elif isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, inside) for alias in child.names if alias.name.startswith("pipeline"))
            visit(child, inside)

    visit(tree, False)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_module_imports_only_its_own_layer_or_those_below(path):
    module = module_name(path)
    upward = [(target, line) for target, line, _ in imports_of(path) if layer_of(target) > layer_of(module)]
    assert upward == [], f"{module} imports up a layer"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_module_has_no_import_inside_a_function(path):
    assert [line for _, line, inside in imports_of(path) if inside] == []


def test_imports_between_modules_form_no_circle():
    graph = {module_name(path): {target for target, _, _ in imports_of(path) if target != module_name(path)}
             for path in MODULES}
    graph = {module: {t for t in targets if t in graph and not module.startswith(t + ".")}
             for module, targets in graph.items()}  # a package's own __init__ is not a circle
    visiting, done, circle = set(), set(), []

    def walk(module: str, trail: list[str]) -> None:
        if module in done or circle:
            return
        if module in visiting:
            circle.extend(trail[trail.index(module):] + [module])
            return
        visiting.add(module)
        for target in sorted(graph[module]):
            walk(target, trail + [module])
        visiting.discard(module)
        done.add(module)

    for module in sorted(graph):
        walk(module, [])
    assert circle == []


def test_every_module_is_in_a_layer():
    assert all(layer_of(module_name(path)) >= 0 for path in MODULES)
