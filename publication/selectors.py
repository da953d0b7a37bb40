"""Reads that the public pages and the public API share: what one jurisdiction (a county or the
city) has published — benchmarks by department and matter, catalogues of major decisions, and the
normative documents filed and found without problem. Nothing personal is read: no
user, no reviewer, no opinion."""

from django.db.models import Exists, OuterRef, Q

from supervision.models import Department, Jurisdiction
from supervision.web.public import clean_public_query

from .models import CatalogueFiling, CleanupCampaign, DiscretionBenchmark, NormativeDocument


def public_jurisdictions():
    """The levels of government the public may choose: the city and those below it."""
    return Jurisdiction.objects.order_by("path")


def public_jurisdiction(code) -> Jurisdiction | None:
    """The chosen jurisdiction by its GB/T 2260 code; the city when none (or an unknown one)."""
    code = str(code or "").strip()
    if code.isdigit() and len(code) == 6:
        found = Jurisdiction.objects.filter(code=code).first()
        if found is not None:
            return found
    return Jurisdiction.objects.root()


def public_departments(jurisdiction):
    """The departments of ``jurisdiction`` (its own level) with a benchmark in force."""
    in_force = DiscretionBenchmark.objects.in_force().filter(department=OuterRef("pk"))
    return (
        Department.objects.filter(jurisdiction=jurisdiction, is_legal_office=False)
        .filter(Exists(in_force))
        .order_by("code")
    )


def public_benchmarks(jurisdiction, *, department_code: str = "", matter: str = ""):
    """The benchmarks in force of ``jurisdiction``'s departments, by department and matter."""
    benchmarks = (
        DiscretionBenchmark.objects.public()
        .in_force()
        .filter(department__jurisdiction=jurisdiction)
        .order_by("department__code", "matter")
    )
    department_code = clean_public_query(department_code)
    if department_code:
        benchmarks = benchmarks.filter(department__code=department_code)
    matter = clean_public_query(matter)
    if matter:
        benchmarks = benchmarks.filter(matter__icontains=matter)
    return benchmarks


def public_versions(benchmark):
    """Every published version of ``benchmark``'s matter, the newest first."""
    return (
        DiscretionBenchmark.objects.public()
        .filter(department_id=benchmark.department_id, matter=benchmark.matter)
        .order_by("-version")
    )


def public_catalogues(jurisdiction):
    """The published catalogues of major decisions of ``jurisdiction``'s departments."""
    return (
        CatalogueFiling.objects.public()
        .filter(department__jurisdiction=jurisdiction)
        .order_by("department__code")
    )


def public_documents(jurisdiction, *, text: str = ""):
    """The normative documents of ``jurisdiction``'s departments that were filed and found without
    problem, newest first, by number or title."""
    documents = (
        NormativeDocument.objects.filter(
            status=NormativeDocument.Status.NO_PROBLEM,
            department__jurisdiction=jurisdiction,
            repealed_on__isnull=True,
        )
        .select_related("department__jurisdiction")
        .order_by("-issued_on", "-id")
    )
    text = clean_public_query(text)
    if text:
        documents = documents.filter(Q(number__icontains=text) | Q(title__icontains=text))
    return documents


def public_cleanups(jurisdiction):
    """The published results of ``jurisdiction``'s clean-up campaigns, each with its documents."""
    return (
        CleanupCampaign.objects.filter(jurisdiction=jurisdiction, published_on__isnull=False)
        .prefetch_related("items__document__department")
        .order_by("-published_on", "-id")
    )
