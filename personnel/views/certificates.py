"""Certificates (行政执法证/监督证): the list, issuing, withholding and restoring, the QR code on
the card; annual reviews (年审注册), one by one or for a list."""

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
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from personnel import selectors, services
from personnel.filters import AnnualReviewFilter, CertificateFilter
from personnel.forms import BulkReviewForm, CertificateIssueForm, ReviewForm
from personnel.models import AnnualReview, Certificate
from supervision.web.pages import form_page, history, list_page, transition_view

from .officers import may_enforce_cell, officer_in_scope

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
            (_("may enforce today"), lambda c: may_enforce_cell(c.officer)),
        ],
        export_title=_("Certificates"),
        export_filename="certificates",
        prepare=selectors.annotate_officers_of,
    )


def _certificate(request, pk):
    return get_object_or_404(Certificate.objects.for_user(request.user), pk=pk)


@login_required
def certificate_issue(request, officer_pk):
    officer = officer_in_scope(request, officer_pk)
    if not request.user.handles(officer.department):
        raise PermissionDenied
    return form_page(
        request,
        CertificateIssueForm(request.POST or None),
        services.certificate_issue,
        success=lambda certificate: (
            _("Certificate %(number)s is issued.") % {"number": certificate.number}
        ),
        context={
            "title": _("Issue a certificate to %(name)s") % {"name": officer.name},
            "back_url": officer.get_absolute_url(),
            "submit_label": _("Issue"),
        },
        officer=officer,
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
            "review_form": ReviewForm()
            if request.user.handles(certificate.officer.department)
            else None,
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
    if not request.user.supervises_departments:
        raise PermissionDenied
    certificates = Certificate.objects.for_user(request.user).filter(
        status__in=[Certificate.Status.VALID, Certificate.Status.WITHHELD]
    )
    filterset = CertificateFilter(request.GET, queryset=certificates, request=request)
    certificates = filterset.qs.order_by("officer__department__code", "number")
    form = BulkReviewForm(request.POST or None, certificates=certificates)
    return form_page(
        request,
        form,
        services.annual_reviews_record,
        success=lambda reviews: (
            _("%(count)d annual reviews are recorded.") % {"count": len(reviews)}
        ),
        done=lambda _reviews: (
            f"{reverse('personnel:review-list')}?year={form.cleaned_data['year']}"
        ),
        template="personnel/review_bulk.html",
        context={
            "filter": filterset,
            "certificates": selectors.annotate_officers_of(certificates[:500]),
        },
    )
