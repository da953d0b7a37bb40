"""Pages of findings and rectification (整改): the legal office's list of open findings, a
department's own, a finding with its reports and history, and the loop's actions as forms.

Every finding is fetched through ``Finding.objects.for_user``; every action runs a service of
``supervision.rectification``."""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import calendar, notes, rectification
from .errors import TransitionNotAllowed
from .models import Finding, RectificationReport
from .models_rectification import FOLLOW_UP_RESULTS
from .web.documents import serve_document
from .web.filters import DepartmentScopedFilterSet
from .web.forms import DateInput, DepartmentChoiceMixin
from .web.pages import add_service_errors, history, list_page, require_writer_page

# Filters ---------------------------------------------------------------------------------------


class FindingFilter(DepartmentScopedFilterSet):
    STATE_CHOICES = [
        ("open", gettext_lazy("Open")),
        ("overdue", gettext_lazy("Overdue")),
    ]
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("state"), choices=STATE_CHOICES, method="filter_state"
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("status"), choices=Finding.Status.choices
    )
    q = django_filters.CharFilter(
        label=gettext_lazy("Search text"), field_name="problem", lookup_expr="icontains"
    )

    class Meta:
        model = Finding
        fields = ["department", "state", "status", "q"]

    def filter_state(self, queryset, name, value):
        if value == "open":
            return queryset.open()
        if value == "overdue":
            return queryset.awaiting_rectification().filter(due_on__lt=calendar.today())
        return queryset


# Forms -----------------------------------------------------------------------------------------


class FindingForm(DepartmentChoiceMixin, forms.Form):
    problem = forms.CharField(
        label=gettext_lazy("problem found"), widget=forms.Textarea(attrs={"rows": 3})
    )
    standard = forms.CharField(
        label=gettext_lazy("clause or standard"), max_length=300, required=False
    )
    evidence = forms.FileField(label=gettext_lazy("evidence"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_department_choice(user, creating=True)


class OrderForm(forms.Form):
    due_on = forms.DateField(
        label=gettext_lazy("rectification due"),
        widget=DateInput(),
        required=False,
        help_text=gettext_lazy("Leave empty for 30 days from today."),
    )


class ReportForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("what was done"), widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = forms.FileField(label=gettext_lazy("evidence"), required=False)


class AcceptForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("opinion"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("reasons"), widget=forms.Textarea(attrs={"rows": 3})
    )
    due_on = forms.DateField(
        label=gettext_lazy("new due date"),
        widget=DateInput(),
        required=False,
        help_text=gettext_lazy("Leave empty for 15 days from today."),
    )


class FollowUpForm(forms.Form):
    result = forms.ChoiceField(
        label=gettext_lazy("result"),
        choices=FOLLOW_UP_RESULTS,
    )
    note = forms.CharField(
        label=gettext_lazy("note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=gettext_lazy("Reasons are required to reopen."),
    )
    due_on = forms.DateField(label=gettext_lazy("new due date"), widget=DateInput(), required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("reasons"), widget=forms.Textarea(attrs={"rows": 2})
    )


# action: (form, service, message, who may see the form: "legal" or "clerk", the states)
ACTIONS = {
    "order": (
        OrderForm,
        rectification.finding_order,
        gettext_lazy("The rectification has been ordered."),
        "legal",
        ("raised",),
    ),
    "report": (
        ReportForm,
        rectification.finding_report,
        gettext_lazy("The rectification report has been sent."),
        "clerk",
        ("ordered",),
    ),
    "accept": (
        AcceptForm,
        rectification.finding_accept,
        gettext_lazy("The rectification has been accepted and the finding closed."),
        "legal",
        ("reported",),
    ),
    "return": (
        ReturnForm,
        rectification.finding_return,
        gettext_lazy("The report has been returned with a new due date."),
        "legal",
        ("reported",),
    ),
    "follow_up": (
        FollowUpForm,
        rectification.finding_follow_up,
        gettext_lazy("The follow-up check has been recorded."),
        "legal",
        ("closed",),
    ),
    "withdraw": (
        WithdrawForm,
        rectification.finding_withdraw,
        gettext_lazy("The finding has been withdrawn."),
        "legal",
        ("raised", "ordered"),
    ),
}

FINDING_COLUMNS = [
    (gettext_lazy("number"), lambda f: f.pk),
    (gettext_lazy("department"), lambda f: f.department.name),
    (gettext_lazy("source"), lambda f: notes.render(f.source_label)),
    (gettext_lazy("problem found"), lambda f: notes.render(f.problem)),
    (gettext_lazy("clause or standard"), lambda f: f.standard),
    (gettext_lazy("status"), lambda f: f.get_status_display()),
    (gettext_lazy("rectification due"), lambda f: f.due_on),
    (gettext_lazy("closed on"), lambda f: f.closed_on),
    (gettext_lazy("follow-up check"), lambda f: f.get_follow_up_display()),
]


# Views -----------------------------------------------------------------------------------------


def _finding_for(request, pk):
    return get_object_or_404(Finding.objects.for_user(request.user), pk=pk)


@login_required
def finding_list(request):
    require_writer_page(request.user)
    if not request.GET:
        # What a list of findings is for: the open ones.
        return redirect(f"{request.path}?state=open")
    return list_page(
        request,
        queryset=Finding.objects.for_user(request.user),
        filterset_class=FindingFilter,
        template="supervision/finding_list.html",
        export_columns=FINDING_COLUMNS,
        export_title=gettext_lazy("Findings"),
        export_filename=_("findings"),
        context={
            "today": calendar.today(),
            "summary": Finding.objects.for_user(request.user).open_summary(calendar.today())
            if request.user.supervises_departments
            else None,
        },
    )


@login_required
def finding_create(request):
    if not request.user.supervises_departments:
        raise Http404
    form = FindingForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            finding = rectification.finding_raise(
                actor=request.user,
                department=data["department"],
                problem=data["problem"],
                standard=data["standard"],
                evidence=data["evidence"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The finding has been raised."))
            return redirect(finding)
    status = 400 if form.errors else 200
    return render(
        request,
        "web/form.html",
        {"form": form, "title": _("Raise a finding"), "back_url": reverse("finding-list")},
        status=status,
    )


def _forms_for(request, finding, bound=None):
    user = request.user
    shown = {}
    for name, (form_class, _service, _message, who, states) in ACTIONS.items():
        if finding.status not in states:
            continue
        if who == "clerk" and not (user.is_clerk and user.department_id == finding.department_id):
            continue
        if who == "legal" and not user.handles(finding.department):
            continue
        if name == "follow_up" and finding.follow_up:
            continue
        shown[name] = bound if bound is not None and bound[0] == name else (name, form_class())
    return list(shown.values())


def _source_url(user, finding):
    """The page of the record that produced the finding, if the user may see it (its scoping)."""
    model = finding.source_type.model_class() if finding.source_type_id else None
    scoped = getattr(getattr(model, "_default_manager", None), "for_user", None)
    if scoped is None or not hasattr(model, "get_absolute_url"):
        return None
    try:
        record = scoped(user).filter(pk=finding.source_id).first()
    except (ValueError, ValidationError):
        return None
    return record.get_absolute_url() if record is not None else None


def _detail(request, finding, *, status=200, problem=None, bound=None):
    context = {
        "finding": finding,
        "source_url": _source_url(request.user, finding),
        "reports": finding.reports.select_related("submitted_by", "decided_by"),
        "forms": _forms_for(request, finding, bound),
        "problem": problem,
        "history": history(request, finding),
        "today": calendar.today(),
    }
    return render(request, "supervision/finding_detail.html", context, status=status)


@login_required
def finding_detail(request, pk):
    return _detail(request, _finding_for(request, pk))


@login_required
@require_POST
def finding_action(request, pk, action):
    finding = _finding_for(request, pk)
    form_class, service, success, _who, _states = ACTIONS[action]
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, finding, status=400, bound=(action, form))
    try:
        service(finding=finding, actor=request.user, **form.cleaned_data)
    except TransitionNotAllowed as refusal:
        return _detail(request, finding, status=409, problem=refusal.message)
    except ValidationError as error:
        add_service_errors(form, error)
        return _detail(request, finding, status=400, bound=(action, form))
    messages.success(request, success)
    return redirect(finding)


@login_required
def finding_evidence(request, pk):
    finding = _finding_for(request, pk)
    return serve_document(finding.evidence, _("evidence-%(number)s") % {"number": finding.pk})


@login_required
def report_evidence(request, pk, report_pk):
    finding = _finding_for(request, pk)
    report = get_object_or_404(RectificationReport.objects.filter(finding=finding), pk=report_pk)
    return serve_document(
        report.evidence,
        _("rectification-%(number)s-%(round)s") % {"number": finding.pk, "round": report.round},
    )
