"""The kernel never imports a domain app: the apps register with it, and it asks them."""

import ast
from pathlib import Path

KERNEL = Path(__file__).resolve().parent.parent / "supervision"
DOMAIN_APPS = {"entities", "personnel", "cases", "training", "complaints"}


def domain_references(path: Path) -> list[str]:
    """Imports of a domain app, and models looked up in one by name, in one kernel module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names = [str(node.args[0].value)]
        else:
            continue
        found += [
            f"{path.relative_to(KERNEL.parent)}:{node.lineno} {name}"
            for name in names
            if name.split(".")[0] in DOMAIN_APPS
        ]
    return found


def test_the_kernel_imports_no_domain_app():
    modules = sorted(KERNEL.rglob("*.py"))
    assert len(modules) > 20
    assert [ref for path in modules for ref in domain_references(path)] == []
