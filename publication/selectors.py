"""Reads that the public pages and the public API share: what one jurisdiction (a county, or
the whole city when none is chosen, ``supervision.web.public.chosen_jurisdiction``) has published — benchmarks by department and matter, catalogues of major decisions, and the
normative documents filed and found without problem. Nothing personal is read: no
user, no reviewer, no opinion."""

from django.db.models import Exists, OuterRef, Q

from supervision.models import Department
from supervision.web.public import clean_public_query

from .models import CatalogueFiling, CleanupCampaign, DiscretionBenchmark, NormativeDocument


def _within(queryset, jurisdiction):
    """The rows of ``jurisdiction`` and those below it; the whole city when none is chosen."""
    return queryset.in_jurisdiction(jurisdiction) if jurisdiction is not None else queryset


def public_departments(jurisdiction):
    """The departments of ``jurisdiction`` and below with a benchmark in force."""
    in_force = DiscretionBenchmark.objects.in_force().filter(department=OuterRef("pk"))
    return (
        _within(Department.objects.filter(is_legal_office=False), jurisdiction)
        .filter(Exists(in_force))
        .order_by("code")
    )


def public_benchmarks(jurisdiction, *, department_code: str = "", matter: str = ""):
    """The benchmarks in force of ``jurisdiction``'s departments, by department and matter."""
    benchmarks = _within(DiscretionBenchmark.objects.public().in_force(), jurisdiction).order_by(
        "department__code", "matter"
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
    return _within(CatalogueFiling.objects.public(), jurisdiction).order_by("department__code")


def public_documents(jurisdiction, *, text: str = ""):
    """The normative documents of ``jurisdiction``'s departments that were filed and found without
    problem, newest first, by number or title."""
    documents = (
        _within(NormativeDocument.objects.all(), jurisdiction)
        .filter(status=NormativeDocument.Status.NO_PROBLEM, repealed_on__isnull=True)
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
        _within(CleanupCampaign.objects.all(), jurisdiction)
        .filter(published_on__isnull=False)
        .prefetch_related("items__document__department")
        .order_by("-published_on", "-id")
    )
