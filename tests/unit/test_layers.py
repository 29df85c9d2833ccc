"""The package's layers: each imports only from the layers before it (README, "How it is built")."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "widgets" / "selfkind"
LAYERS = ["engine", "stores", "authoring", "exercises", "grading", "analytics", "ui"]


def imported_layers(path: Path) -> set[str]:
    """The sibling layers a module imports (relative imports `from ..x` and `from selfkind.x`)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if node.level == 2 or (node.level == 0 and parts[0] == "selfkind" and len(parts) > 1):
                found.add(parts[0] if node.level == 2 else parts[1])
    return found & set(LAYERS)


def test_the_tree_is_the_layers():
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith("__")) == sorted(LAYERS)


def test_each_layer_imports_only_the_layers_before_it():
    wrong = []
    for rank, layer in enumerate(LAYERS):
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            later = {name for name in imported_layers(path) if LAYERS.index(name) > rank}
            if later:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {', '.join(sorted(later))}")
    assert wrong == []
