"""Importing a department's roster of officers from a spreadsheet: template, upload and preview,
confirmation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from personnel import importing
from personnel.forms import RosterUploadForm
from personnel.models import OfficerImport
from supervision.spreadsheets import xlsx_response
from supervision.web.pages import require_writer_page


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
