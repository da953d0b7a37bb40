"""The import edges between apps. The kernel (supervision/) imports no domain app: the apps
register with it (deadline rules, eligibility checks) and it asks them. A domain app reaches another
only through that app's models (the rows it points at); whatever else they share is the kernel's."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "supervision"
DOMAIN_APPS = (
    "entities",
    "personnel",
    "cases",
    "training",
    "complaints",
    "evaluations",
    "inspections",
    "accountability",
    "publication",
    "supervisors",
)

# (importing app, imported module): a new edge between domain apps is a design decision, made here.
ALLOWED_BETWEEN_DOMAIN_APPS = {
    ("personnel", "entities.models"),
    ("training", "personnel.models"),
    # An evaluation campaign draws its sample from the case-file catalogues the departments filed
    # (cases.CatalogueItem) and always includes the year's major decisions (cases.MajorDecision):
    # it reads those rows and points at them; it uses nothing else of cases.
    ("evaluations", "cases.models"),
    # An accountability action concerns an officer and the certificate it withholds or revokes:
    # it points at those rows (and offers choices of them). The withholding itself goes through
    # personnel's own service, offered by name through the kernel (supervision/offers.py).
    ("accountability", "personnel.models"),
    # A department sends its catalogue of major decisions to the legal office and publishes it:
    # publication reads the categories the department keeps in cases (a snapshot, never a write).
    ("publication", "cases.models"),
}


def references(path: Path):
    """(line, module) for each import, and each model looked up by app label (``get_model``)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names = [f"{node.args[0].value}.models"]
        else:
            continue
        for name in names:
            yield node.lineno, name


def edges():
    """(app, imported app.module, where) for every reference to another app, migrations aside."""
    apps = (KERNEL, *DOMAIN_APPS)
    for app in apps:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for line, name in references(path):
                parts = name.split(".")
                if parts[0] != app and parts[0] in apps:
                    yield app, ".".join(parts[:2]), f"{path.relative_to(ROOT)}:{line}"


def test_the_kernel_imports_no_domain_app():
    assert len(list((ROOT / KERNEL).rglob("*.py"))) > 20
    assert [where for app, _module, where in edges() if app == KERNEL] == []


def test_domain_apps_meet_only_through_the_kernel_and_each_others_models():
    stray = [
        (app, module, where)
        for app, module, where in edges()
        if app != KERNEL
        and module.split(".")[0] != KERNEL
        and (app, module) not in ALLOWED_BETWEEN_DOMAIN_APPS
    ]
    assert stray == []


def test_every_import_form_is_seen(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from entities.views import entity_list\n"
        "import cases.services\n"
        "from django.apps import apps\n"
        'apps.get_model("training", "Course")\n'
    )
    names = {name for _line, name in references(sample)}
    assert {"entities.views", "cases.services", "training.models"} <= names
