"""Accountability's panels on other apps' record pages (``supervision.panels``): an officer's
accountability history, a certificate's, a department's, and the actions citing a record."""

from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string

from supervision import panels

from .grounds import GROUND_KINDS
from .models import AccountabilityAction

SHOWN = 20


def _panel(request, actions, *, more_query: str, decide_query: str = "") -> str:
    user = request.user
    if not (user.is_authenticated and (user.is_clerk or user.supervises_departments)):
        return ""
    rows = list(actions.order_by("-decided_on", "-id")[: SHOWN + 1])
    return render_to_string(
        "accountability/_panel.html",
        {
            "actions": rows[:SHOWN],
            "more": len(rows) > SHOWN,
            "more_query": more_query,
            "decide_query": decide_query,
        },
        request=request,
    )


def _scoped(request):
    return AccountabilityAction.objects.for_user(request.user)


@panels.register("personnel.officer")
def officer_history(request, officer):
    return _panel(
        request, _scoped(request).filter(officer=officer), more_query=f"officer={officer.pk}"
    )


@panels.register("personnel.certificate")
def certificate_history(request, certificate):
    return _panel(
        request,
        _scoped(request).filter(certificate=certificate),
        more_query=f"officer={certificate.officer_id}",
    )


@panels.register("supervision.department")
def department_history(request, department):
    return _panel(
        request,
        _scoped(request).filter(department=department),
        more_query=f"department={department.pk}",
    )


def _cited(request, record):
    content_type = ContentType.objects.get_for_model(record)
    key = f"{content_type.app_label}.{content_type.model}:{record.pk}"
    actions = _scoped(request).filter(
        grounds__content_type=content_type, grounds__object_id=record.pk
    )
    return _panel(request, actions, more_query=f"cited={key}", decide_query=f"grounds={key}")


for _kind in GROUND_KINDS:
    panels.register(_kind.key)(_cited)
