"""The staff pages of complaints: the list with its export, registration by the legal office, a
complaint's page with its timeline and actions, its documents, the statistics.

Every complaint is fetched through ``Complaint.objects.for_user``: a clerk of another department,
or one whose complaint was not forwarded, gets a 404. Who complained is shown through
``selectors.identities_for``: in full only to the handling legal office (and to the department once
the office released it), masked to an office above, never to a clerk otherwise.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from supervision.calendar import Deadline, today
from supervision.errors import TransitionNotAllowed
from supervision.models_rectification import Finding
from supervision.web.documents import serve_document
from supervision.web.pages import add_service_errors, history, list_page

from . import documents, figures, selectors, services
from .filters import ComplaintFilter
from .forms import (
    AcceptForm,
    AnswerForm,
    AttachForm,
    ExtendForm,
    ReasonForm,
    ReferForm,
    RegisterForm,
)
from .models import Complaint, ComplaintAttachment

HISTORY_SHOWN = 50


def _identity(row):
    return getattr(row, "identity", None)


# The export: the identity columns are filled only where the reader may see the identity in full.
BASE_COLUMNS = [
    (gettext_lazy("Reference"), lambda c: c.reference),
    (gettext_lazy("Received on"), lambda c: c.received_on),
    (gettext_lazy("Channel"), lambda c: c.get_channel_display()),
    (gettext_lazy("Department"), lambda c: c.department.name),
    (gettext_lazy("Officer"), lambda c: c.officer_name),
    (gettext_lazy("What happened"), lambda c: c.facts),
    (gettext_lazy("Status"), lambda c: c.get_status_display()),
    (gettext_lazy("Acceptance due"), lambda c: c.accept_due),
    (gettext_lazy("Conclusion due"), lambda c: c.conclude_due),
    (gettext_lazy("Concluded on"), lambda c: c.concluded_on),
    (gettext_lazy("Outcome"), lambda c: c.get_outcome_display()),
]
IDENTITY_COLUMNS = [
    (gettext_lazy("Complainant"), lambda c: _identity(c).name if _identity(c).full else ""),
    (gettext_lazy("Telephone"), lambda c: _identity(c).phone if _identity(c).full else ""),
]

# action: (form of its values or None, service, message on success); a refusal of the user
# (PermissionDenied) is a 403, of the state a 409 with the reason, of the values a 400.
ACTIONS = {
    "accept": (AcceptForm, services.complaint_accept, gettext_lazy("The complaint is accepted.")),
    "assign": (
        None,
        services.complaint_assign,
        gettext_lazy("The complaint is assigned to the department."),
    ),
    "refer": (ReferForm, services.complaint_refer, gettext_lazy("The complaint is referred.")),
    "refuse": (ReasonForm, services.complaint_refuse, gettext_lazy("The complaint is refused.")),
    "extend": (ExtendForm, services.complaint_extend, gettext_lazy("The deadline is extended.")),
    "answer": (
        AnswerForm,
        services.complaint_answer,
        gettext_lazy("The answer is submitted to the legal office."),
    ),
    "approve": (
        None,
        services.complaint_approve,
        gettext_lazy("The answer is approved and published; the complaint is concluded."),
    ),
    "return": (ReasonForm, services.complaint_return, gettext_lazy("The answer is returned.")),
    "release": (
        ReasonForm,
        services.complaint_release_identity,
        gettext_lazy("The complainant's identity is released to the department."),
    ),
    "attach": (AttachForm, services.complaint_attach, gettext_lazy("The document is attached.")),
}


def _complaints(request):
    return Complaint.objects.for_user(request.user)


def _complaint_for(request, pk):
    return get_object_or_404(_complaints(request), pk=pk)


@login_required
def complaint_list(request):
    user = request.user
    if not (user.is_clerk or user.supervises_departments):
        raise Http404

    def with_identities(rows):
        rows = list(rows)
        shown = selectors.identities_for(user, rows)
        for row in rows:
            row.identity = shown[row.pk]
        return rows

    columns = BASE_COLUMNS + (IDENTITY_COLUMNS if user.supervises_departments else [])
    return list_page(
        request,
        queryset=_complaints(request),
        filterset_class=ComplaintFilter,
        template="complaints/complaint_list.html",
        export_columns=columns,
        export_title=gettext_lazy("Complaints"),
        export_filename=_("complaints"),
        prepare=with_identities,
        context={"today": today()},
    )


@login_required
def complaint_register(request):
    if not request.user.supervises_departments:
        raise Http404
    form = RegisterForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            complaint, code = services.complaint_register(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Shown once, on the next page only: the portal keeps no copy of the code.
            request.session["complaint_code"] = {"id": complaint.pk, "code": code}
            messages.success(request, _("The complaint is registered."))
            return redirect(complaint)
    return render(
        request,
        "complaints/register.html",
        {"form": form, "title": _("Register a complaint")},
        status=400 if form.errors else 200,
    )


def _detail(request, complaint, *, status=200, problem=None, forms=None):
    complaint = _complaints(request).select_related("created_by").get(pk=complaint.pk)
    user = request.user
    attachments = ComplaintAttachment.objects.for_user(user).filter(complaint=complaint)
    code = request.session.pop("complaint_code", None)
    forms = forms or {}
    context = {
        "complaint": complaint,
        "identity": selectors.identity_for(user, complaint),
        "acts": user.supervises_departments and user.handles(complaint.department),
        "may_answer": services.may_answer(user, complaint),
        "accept_deadline": Deadline.from_json(complaint.accept_due_explanation),
        "conclude_deadline": Deadline.from_json(complaint.conclude_due_explanation),
        "attachments": attachments,
        "history": history(request, complaint, limit=HISTORY_SHOWN),
        "code": code["code"] if code and code.get("id") == complaint.pk else None,
        "problem": problem,
        "today": today(),
        "has_reply": documents.has_reply(complaint),
        "findings": Finding.objects.for_user(user).from_source(complaint),
    }
    for name, (form_class, _service, _success) in ACTIONS.items():
        if form_class is None:
            continue
        if name in forms:
            context[f"{name}_form"] = forms[name]
        elif form_class is ExtendForm:
            context[f"{name}_form"] = ExtendForm(complaint=complaint)
        else:
            context[f"{name}_form"] = form_class()
    response = render(request, "complaints/complaint_detail.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@never_cache
def complaint_detail(request, pk):
    return _detail(request, _complaint_for(request, pk))


@login_required
@require_POST
def complaint_action(request, pk, action):
    complaint = _complaint_for(request, pk)
    form_class, service, success = ACTIONS[action]
    form = None
    if form_class is ExtendForm:
        form = ExtendForm(request.POST, complaint=complaint)
    elif form_class is not None:
        form = form_class(request.POST, request.FILES)
    if form is not None and not form.is_valid():
        return _detail(request, complaint, status=400, forms={action: form})
    values = dict(form.cleaned_data) if form is not None else {}
    try:
        service(complaint=complaint, actor=request.user, **values)
    except TransitionNotAllowed as refusal:
        return _detail(request, complaint, status=409, problem=refusal.message)
    except ValidationError as error:
        if form is None:
            return _detail(request, complaint, status=400, problem="；".join(error.messages))
        add_service_errors(form, error)
        return _detail(request, complaint, status=400, forms={action: form})
    messages.success(request, success)
    return redirect(complaint)


@login_required
def attachment_download(request, pk, attachment_pk):
    attachment = get_object_or_404(
        ComplaintAttachment.objects.for_user(request.user).select_related("complaint__department"),
        pk=attachment_pk,
        complaint_id=pk,
    )
    complaint = attachment.complaint
    if selectors.sees_identity(request.user, complaint):
        name = attachment.name
    else:
        # A file's own name may carry the complainant's: others get a neutral one.
        name = f"{complaint.reference}-{attachment.get_kind_display()}-{attachment.pk}"
    return serve_document(attachment.file, name.rsplit(".", 1)[0] if "." in name else name)


@login_required
def reply_pdf(request, pk):
    """The printable reply to the complainant: only for the handling legal office (it names the
    complainant), once the complaint is concluded, referred or refused."""
    complaint = _complaint_for(request, pk)
    if not (request.user.supervises_departments and request.user.handles(complaint.department)):
        raise Http404
    if not documents.has_reply(complaint):
        raise Http404
    pdf = documents.render_reply_pdf(complaint, selectors.identity_for(request.user, complaint))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{complaint.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def complaint_statistics(request):
    if not request.user.supervises_departments:
        raise Http404
    year = request.GET.get("year", "")
    try:
        year = int(year) if year else today().year
    except ValueError:
        year = today().year
    if not 2000 <= year <= 2100:
        year = today().year
    return render(
        request,
        "complaints/statistics.html",
        {"figures": figures.figures(_complaints(request), year=year), "year": year},
    )
