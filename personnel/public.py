"""The public lookup (no login): certified officers, one certificate's verification page, and
the published entities with the entrustments in force. Every view is rate-limited per address."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from entities.models import EnforcementEntity
from supervision.web.documents import serve_image
from supervision.web.pages import PER_PAGE
from supervision.web.public import chosen_jurisdiction, jurisdiction_choices
from supervision.web.throttling import public_page_limit

from . import selectors
from .models import Certificate


@require_GET
@never_cache
@public_page_limit
def search(request):
    raw = request.GET.get("q", "")
    query = selectors.clean_public_query(raw)
    today = timezone.localdate()
    jurisdiction = chosen_jurisdiction(request)
    certificates = selectors.public_certificates(query, today, jurisdiction) if query else []
    entities = (
        list(_published(jurisdiction).published_with_agreements(query)[:PER_PAGE]) if query else []
    )
    return render(
        request,
        "personnel/public/search.html",
        {
            "q": raw[: selectors.PUBLIC_QUERY_MAX_LENGTH],
            "searched": bool(raw.strip()),
            "certificates": certificates,
            "entities": entities,
            "today": today,
            "jurisdictions": jurisdiction_choices(),
            "jurisdiction": jurisdiction,
        },
    )


def _published(jurisdiction):
    entities = EnforcementEntity.objects
    return entities.in_jurisdiction(jurisdiction) if jurisdiction else entities.all()


@require_GET
@never_cache
@public_page_limit
def certificate(request, number):
    found = selectors.public_certificate(number)
    return render(
        request,
        "personnel/public/certificate.html",
        {
            "certificate": found,
            "number": number[:60],
            "today": timezone.localdate(),
            "shows_photo": found is not None and found.shows_photo_on(timezone.localdate()),
        },
        status=200 if found else 404,
    )


@require_GET
@never_cache
@public_page_limit
def certificate_photo(request, number):
    """The officer's photo, for the verification page of a valid or withheld certificate only."""
    query = selectors.clean_public_query(number)
    found = (
        Certificate.objects.showing_photo(timezone.localdate())
        .filter(number=query.upper())
        .select_related("officer")
        .first()
        if query
        else None
    )
    if found is None:
        raise Http404
    return serve_image(found.officer.photo)


@require_GET
@public_page_limit
def entities(request):
    today = timezone.localdate()
    jurisdiction = chosen_jurisdiction(request)
    page = Paginator(
        _published(jurisdiction).published_with_agreements(on=today), PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "personnel/public/entities.html",
        {
            "page": page,
            "today": today,
            "jurisdictions": jurisdiction_choices(),
            "jurisdiction": jurisdiction,
        },
    )
