import io
from functools import partial

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from entities.pages import call_service, list_page, serve_document, transition_view
from entities.views import history, require_writer_page
from supervision.models import Department
from supervision.spreadsheets import xlsx_response

from . import importing, selectors, services
from .filters import (
    AnnualReviewFilter,
    AuxiliaryStaffFilter,
    CertificateFilter,
    ConductRecordFilter,
    OfficerFilter,
)
from .forms import (
    AuxiliaryStaffForm,
    BulkReviewForm,
    CertificateIssueForm,
    ConductRecordForm,
    OfficerForm,
    ReviewForm,
    RosterUploadForm,
)
from .models import AnnualReview, AuxiliaryStaff, Certificate, ConductRecord, Officer, OfficerImport


def _yes_no(value):
    return _("yes") if value else _("no")


def _may_enforce_cell(officer):
    if officer.may_enforce:
        return _("yes")
    return f"{_('no')}: {'；'.join(officer.enforce_reasons)}"


def officer_columns(user):
    return [
        (pgettext_lazy("person", "name"), lambda o: o.name),
        (_("citizen ID number"), lambda o: o.citizen_id_for(user)),
        (_("department"), lambda o: o.department.name),
        (_("enforcement entity"), lambda o: o.entity.name),
        (_("post"), lambda o: o.post),
        (_("on the establishment and in post"), lambda o: _yes_no(o.on_establishment)),
        (_("may enforce today"), _may_enforce_cell),
    ]


# Officers ---------------------------------------------------------------------------------------


@login_required
def officer_list(request):
    return list_page(
        request,
        queryset=Officer.objects.for_user(request.user),
        filterset_class=OfficerFilter,
        template="personnel/officer_list.html",
        export_columns=officer_columns(request.user),
        export_title=_("Enforcement officers"),
        export_filename="officers",
        prepare=selectors.annotate_enforcement,
    )


@login_required
def officer_create(request):
    require_writer_page(request.user)
    form = OfficerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        officer = call_service(
            form, services.officer_create, actor=request.user, **form.cleaned_data
        )
        if officer is not None:
            messages.success(request, _("The officer is registered."))
            return redirect(officer)
    return render(request, "entities/form.html", {"form": form, "title": _("Register an officer")})


def _officer(request, pk):
    return get_object_or_404(Officer.objects.for_user(request.user), pk=pk)


@login_required
def officer_detail(request, pk):
    officer = _officer(request, pk)
    selectors.annotate_enforcement([officer])
    year = timezone.localdate().year
    certificates = list(officer.certificates.order_by("-issued_on", "-id"))
    return render(
        request,
        "personnel/officer_detail.html",
        {
            "officer": officer,
            "certificates": certificates,
            "reviews": AnnualReview.objects.filter(certificate__officer=officer)
            .select_related("certificate")
            .order_by("-year"),
            "conduct_records": officer.conduct_records.select_related("category"),
            "year": year,
            "eligible_for_advanced": selectors.eligible_for_advanced(officer, year),
            "history": history(request, officer),
        },
    )


@login_required
def officer_edit(request, pk):
    officer = _officer(request, pk)
    require_writer_page(request.user)
    form = OfficerForm(request.POST or None, instance=officer, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.officer_update, officer=officer, actor=request.user, **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The changes are saved."))
            return redirect(saved)
    return render(
        request,
        "entities/form.html",
        {
            "form": form,
            "title": officer.name,
            "back_url": officer.get_absolute_url(),
        },
    )


# Roster import ----------------------------------------------------------------------------------


@login_required
def roster_template(request):
    require_writer_page(request.user)
    return xlsx_response(importing.template_bytes(), "officers-template")


@login_required
def roster_upload(request):
    require_writer_page(request.user)
    form = RosterUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        department = form.cleaned_data.get("department") or request.user.department
        upload, roster = importing.roster_upload(
            actor=request.user, department=department, file=form.cleaned_data["file"]
        )
        return render(
            request,
            "personnel/roster_preview.html",
            {
                "upload": upload,
                "roster": roster,
                "rows_with_errors": roster.rows_with_errors[: importing.PREVIEW_ERROR_ROWS],
                "more_errors": max(0, len(roster.rows_with_errors) - importing.PREVIEW_ERROR_ROWS),
                "sample": roster.rows[:20],
                "columns": importing.COLUMNS,
            },
        )
    return render(request, "personnel/roster_upload.html", {"form": form})


@login_required
@require_POST
def roster_confirm(request, pk):
    upload = get_object_or_404(OfficerImport.objects.for_user(request.user), pk=pk)
    try:
        count = importing.roster_import(upload=upload, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("personnel:roster-upload")
    messages.success(request, _("%(count)d officers are imported.") % {"count": count})
    return redirect("personnel:officer-list")


# Auxiliary staff --------------------------------------------------------------------------------


@login_required
def auxiliary_list(request):
    user = request.user
    return list_page(
        request,
        queryset=AuxiliaryStaff.objects.for_user(user),
        filterset_class=AuxiliaryStaffFilter,
        template="personnel/auxiliary_list.html",
        export_columns=[
            (pgettext_lazy("person", "name"), lambda s: s.name),
            (_("citizen ID number"), lambda s: s.citizen_id_for(user)),
            (_("department"), lambda s: s.department.name),
            (_("duties allowed"), lambda s: s.duties),
            (_("contract starts on"), lambda s: s.contract_starts_on),
            (_("contract ends on"), lambda s: s.contract_ends_on),
        ],
        export_title=_("Auxiliary staff"),
        export_filename="auxiliary-staff",
    )


@login_required
def auxiliary_create(request):
    require_writer_page(request.user)
    form = AuxiliaryStaffForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        staff = call_service(
            form, services.auxiliary_create, actor=request.user, **form.cleaned_data
        )
        if staff is not None:
            messages.success(request, _("The auxiliary staff member is registered."))
            return redirect("personnel:auxiliary-list")
    return render(
        request,
        "entities/form.html",
        {"form": form, "title": _("Register auxiliary staff")},
    )


@login_required
def auxiliary_edit(request, pk):
    staff = get_object_or_404(AuxiliaryStaff.objects.for_user(request.user), pk=pk)
    require_writer_page(request.user)
    form = AuxiliaryStaffForm(request.POST or None, instance=staff, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.auxiliary_update, staff=staff, actor=request.user, **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The changes are saved."))
            return redirect("personnel:auxiliary-list")
    return render(
        request,
        "entities/form.html",
        {"form": form, "title": staff.name, "back_url": reverse("personnel:auxiliary-list")},
    )


# Certificates -----------------------------------------------------------------------------------

CERTIFICATE_ACTIONS = {
    "withhold": (services.certificate_withhold, _("The certificate is withheld.")),
    "restore": (services.certificate_restore, _("The certificate is restored.")),
    "revoke": (services.certificate_revoke, _("The certificate is revoked.")),
}


@login_required
def certificate_list(request):
    return list_page(
        request,
        queryset=Certificate.objects.for_user(request.user),
        filterset_class=CertificateFilter,
        template="personnel/certificate_list.html",
        export_columns=[
            (_("certificate number"), lambda c: c.number),
            (_("kind"), lambda c: c.get_kind_display()),
            (_("officer"), lambda c: c.officer.name),
            (_("department"), lambda c: c.officer.department.name),
            (_("enforcement entity"), lambda c: c.officer.entity.name),
            (pgettext_lazy("certificate", "issued on"), lambda c: c.issued_on),
            (_("expires on"), lambda c: c.expires_on),
            (_("status"), lambda c: c.get_status_display()),
            (_("annual review due by"), lambda c: c.review_due),
            (_("may enforce today"), lambda c: _may_enforce_cell(c.officer)),
        ],
        export_title=_("Certificates"),
        export_filename="certificates",
        prepare=selectors.annotate_officers_of,
    )


def _certificate(request, pk):
    return get_object_or_404(Certificate.objects.for_user(request.user), pk=pk)


@login_required
def certificate_issue(request, officer_pk):
    officer = _officer(request, officer_pk)
    if not request.user.sees_all_departments:
        raise PermissionDenied
    form = CertificateIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        certificate = call_service(
            form,
            services.certificate_issue,
            actor=request.user,
            officer=officer,
            **form.cleaned_data,
        )
        if certificate is not None:
            messages.success(
                request,
                _("Certificate %(number)s is issued.") % {"number": certificate.number},
            )
            return redirect(certificate)
    return render(
        request,
        "entities/form.html",
        {
            "form": form,
            "title": _("Issue a certificate to %(name)s") % {"name": officer.name},
            "back_url": officer.get_absolute_url(),
            "submit_label": _("Issue"),
        },
    )


@login_required
def certificate_detail(request, pk):
    certificate = _certificate(request, pk)
    selectors.annotate_enforcement([certificate.officer])
    return render(
        request,
        "personnel/certificate_detail.html",
        {
            "certificate": certificate,
            "officer": certificate.officer,
            "reviews": certificate.reviews.select_related("recorded_by").order_by("-year"),
            "review_form": ReviewForm() if request.user.sees_all_departments else None,
            "verification_url": verification_url(request, certificate),
            "history": history(request, certificate),
        },
    )


@login_required
@require_POST
def certificate_action(request, pk, action):
    if action not in CERTIFICATE_ACTIONS:
        raise Http404
    service, success = CERTIFICATE_ACTIONS[action]
    return transition_view(
        request,
        _certificate(request, pk),
        service,
        argument="certificate",
        success=success,
        with_reason=True,
    )


@login_required
@require_POST
def certificate_review(request, pk):
    certificate = _certificate(request, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.annual_review_record(
                certificate=certificate, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The annual review is recorded."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(certificate)


def verification_url(request, certificate) -> str:
    """What the QR code on the card says: the public verification page of this certificate."""
    path = certificate.public_url()
    if settings.PUBLIC_SITE_URL:
        return f"{settings.PUBLIC_SITE_URL}{path}"
    return request.build_absolute_uri(path)


@login_required
def certificate_qr(request, pk, fmt):
    if fmt not in ("png", "svg"):
        raise Http404
    certificate = _certificate(request, pk)
    code = segno.make(verification_url(request, certificate), error="m")
    buffer = io.BytesIO()
    if fmt == "svg":
        code.save(buffer, kind="svg", scale=8, border=2, title=certificate.number)
        content_type = "image/svg+xml"
    else:
        code.save(buffer, kind="png", scale=8, border=2)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    if request.GET.get("download"):
        response["Content-Disposition"] = f"attachment; filename=qr-{certificate.pk}.{fmt}"
    return response


# Annual reviews ---------------------------------------------------------------------------------


@login_required
def review_list(request):
    return list_page(
        request,
        queryset=AnnualReview.objects.for_user(request.user),
        filterset_class=AnnualReviewFilter,
        template="personnel/review_list.html",
        export_columns=[
            (_("year"), lambda r: r.year),
            (_("certificate number"), lambda r: r.certificate.number),
            (_("officer"), lambda r: r.certificate.officer.name),
            (_("department"), lambda r: r.certificate.officer.department.name),
            (_("result"), lambda r: r.get_result_display()),
            (_("reviewed on"), lambda r: r.reviewed_on),
            (_("note"), lambda r: r.note),
        ],
        export_title=_("Annual reviews"),
        export_filename="annual-reviews",
        prepare=partial(selectors.annotate_officers_of, path="certificate.officer"),
    )


@login_required
def review_bulk(request):
    """The legal office records one year's review for many certificates at once."""
    if not request.user.sees_all_departments:
        raise PermissionDenied
    certificates = Certificate.objects.for_user(request.user).filter(
        status__in=[Certificate.Status.VALID, Certificate.Status.WITHHELD]
    )
    filterset = CertificateFilter(request.GET, queryset=certificates, request=request)
    certificates = filterset.qs.order_by("officer__department__code", "number")
    form = BulkReviewForm(request.POST or None, certificates=certificates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reviews = call_service(
            form,
            services.annual_reviews_record,
            actor=request.user,
            certificates=data["certificates"],
            year=data["year"],
            result=data["result"],
            reviewed_on=data["reviewed_on"],
            note=data["note"],
        )
        if reviews is not None:
            messages.success(
                request, _("%(count)d annual reviews are recorded.") % {"count": len(reviews)}
            )
            return redirect(f"{reverse('personnel:review-list')}?year={data['year']}")
    return render(
        request,
        "personnel/review_bulk.html",
        {
            "form": form,
            "filter": filterset,
            "certificates": selectors.annotate_officers_of(certificates[:500]),
        },
    )


# Bad-conduct records ----------------------------------------------------------------------------

CONDUCT_ACTIONS = {
    "verify": (services.conduct_verify, _("The record is verified.")),
    "dismiss": (services.conduct_dismiss, _("The record is dismissed.")),
}


@login_required
def conduct_list(request):
    year = timezone.localdate().year
    departments = {d.pk: d for d in Department.objects.for_user(request.user)}
    figures = [
        (departments[pk], count)
        for pk, count in selectors.verified_conduct_by_department(year, list(departments)).items()
        if pk in departments
    ]
    return list_page(
        request,
        queryset=ConductRecord.objects.for_user(request.user),
        filterset_class=ConductRecordFilter,
        template="personnel/conduct_list.html",
        export_columns=[
            (_("occurred on"), lambda r: r.occurred_on),
            (_("officer"), lambda r: r.officer.name),
            (_("department"), lambda r: r.officer.department.name),
            (pgettext_lazy("conduct", "category"), lambda r: r.category.name),
            (_("source"), lambda r: r.get_source_display()),
            (_("description"), lambda r: r.description),
            (_("status"), lambda r: r.get_status_display()),
            (_("decided on"), lambda r: r.decided_on),
            (_("reasons for the decision"), lambda r: r.decision_reason),
        ],
        export_title=_("Bad-conduct records"),
        export_filename="conduct-records",
        prepare=selectors.annotate_officers_of,
        context={"year": year, "figures": sorted(figures, key=lambda f: f[0].code)},
    )


@login_required
def conduct_create(request, officer_pk):
    officer = _officer(request, officer_pk)
    require_writer_page(request.user)
    form = ConductRecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        record = call_service(
            form, services.conduct_report, actor=request.user, officer=officer, **form.cleaned_data
        )
        if record is not None:
            messages.success(request, _("The record is reported to the legal office."))
            return redirect(record)
    return render(
        request,
        "entities/form.html",
        {
            "form": form,
            "title": _("Report bad conduct of %(name)s") % {"name": officer.name},
            "back_url": officer.get_absolute_url(),
        },
    )


def _conduct(request, pk):
    return get_object_or_404(ConductRecord.objects.for_user(request.user), pk=pk)


@login_required
def conduct_detail(request, pk):
    record = _conduct(request, pk)
    selectors.annotate_enforcement([record.officer])
    return render(
        request,
        "personnel/conduct_detail.html",
        {"record": record, "history": history(request, record)},
    )


@login_required
@require_POST
def conduct_action(request, pk, action):
    if action not in CONDUCT_ACTIONS:
        raise Http404
    service, success = CONDUCT_ACTIONS[action]
    return transition_view(
        request,
        _conduct(request, pk),
        service,
        argument="record",
        success=success,
        with_reason=True,
    )


@login_required
def conduct_evidence(request, pk):
    record = _conduct(request, pk)
    return serve_document(record.evidence, f"evidence-{record.pk}")
