"""The legal office's pages for bulletins and criticisms: draft, preview, edit, issue, void."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import bulletins
from .forms import BulletinForm, CriticismForm, DocumentDraftForm, default_bulletin_period
from .models import DocumentDraft, Notice
from .views import legal_office_required
from .web.forms import ReasonForm
from .web.pages import call_service, form_page


def _initial(request, initial):
    replaces = request.GET.get("replaces", "")
    return {**initial, "replaces": replaces} if replaces.isdigit() else initial


@legal_office_required
def bulletin_new(request):
    form = BulletinForm(
        request.POST or None,
        initial=_initial(request, default_bulletin_period()),
        user=request.user,
    )
    drafts = DocumentDraft.objects.for_user(request.user).filter(status=DocumentDraft.Status.DRAFT)
    return form_page(
        request,
        form,
        bulletins.bulletin_draft,
        success=_("The draft has been made: preview it, edit its text, then issue it."),
        template="supervision/bulletin_form.html",
        context={"drafts": drafts.select_related("department")},
    )


@legal_office_required
def criticism_new(request):
    form = CriticismForm(request.POST or None, initial=_initial(request, {}), user=request.user)
    return form_page(
        request,
        form,
        bulletins.criticism_draft,
        success=_("The draft has been made: preview it, edit its text, then issue it."),
        context={"title": _("Criticism (通报批评)"), "submit_label": _("Make the draft")},
    )


@legal_office_required
def draft_detail(request, pk):
    draft = get_object_or_404(
        DocumentDraft.objects.for_user(request.user).select_related(
            "department", "replaces", "notice"
        ),
        pk=pk,
    )
    form = DocumentDraftForm(instance=draft)
    status = 200
    if request.method == "POST" and draft.status == DocumentDraft.Status.DRAFT:
        if request.POST.get("action") == "issue":
            notice = call_service(form, bulletins.draft_issue, draft=draft, actor=request.user)
            if notice is not None:
                messages.success(request, _("%(number)s issued.") % {"number": notice.number})
                return redirect("notice-page", pk=notice.pk)
        else:
            form = DocumentDraftForm(request.POST, instance=draft)
            if form.is_valid() and call_service(
                form, bulletins.draft_update, draft=draft, actor=request.user, **form.cleaned_data
            ):
                messages.success(request, _("The draft has been saved."))
                return redirect(draft)
        status = 400
    preview = bulletins.preview(draft) if draft.status == DocumentDraft.Status.DRAFT else None
    return render(
        request,
        "supervision/document_draft.html",
        {"draft": draft, "form": form, "preview": preview},
        status=status,
    )


@legal_office_required
def draft_pdf(request, pk):
    draft = get_object_or_404(DocumentDraft.objects.for_user(request.user), pk=pk)
    response = HttpResponse(bulletins.render_preview_pdf(draft), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename=draft-{draft.pk}.pdf"
    return response


@legal_office_required
def notice_void(request, pk):
    notice = get_object_or_404(Notice.objects.for_user(request.user), pk=pk)
    return form_page(
        request,
        ReasonForm(request.POST or None),
        bulletins.notice_void,
        success=_("%(number)s is void.") % {"number": notice.number},
        done=lambda voided: reverse("notice-page", args=[voided.pk]),
        context={
            "title": _("Void %(number)s") % {"number": notice.number},
            "submit_label": _("Void the document"),
            "back_url": reverse("notice-page", args=[notice.pk]),
        },
        notice=notice,
    )
