"""The legal office's dashboard (its home page), a clerk's home, and the annual assessment's score
sheets (page, .xlsx, PDF). Everything they show comes through the ports of supervision.dashboard;
the departments through ``for_user``."""

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from . import assessment, charts, dashboard, notes, services, statistics
from .calendar import long_date, today
from .errors import TransitionNotAllowed
from .forms import (
    AssessmentAdjustmentForm,
    AssessmentContestDecisionForm,
    AssessmentContestForm,
    AssessmentIndicatorsForm,
)
from .models import AssessmentContest, Department, Notice
from .spreadsheets import _cell, xlsx_response
from .web.pages import confirmation_message, confirmation_missing, form_page


def _year(request) -> int:
    raw = request.GET.get("year", "")
    this_year = today().year
    if raw.isdigit() and 2000 <= int(raw) <= this_year + 1:
        return int(raw)
    return this_year


def _years():
    this_year = today().year
    return list(range(this_year, this_year - 5, -1))


# Home ---------------------------------------------------------------------------------------------

#: A chart shows at most this many departments (the worst first); the table above has them all.
CHART_ROWS = 20


def dashboard_context(user) -> dict:
    """The legal office's picture of its departments as of today: the table (rows grouped by
    jurisdiction), the three charts and their tables."""
    day = today()
    departments = dashboard.departments_for(user)
    board = dashboard.board(departments, day)
    by_month = dashboard.overdue_by_month(departments, [day.year - 1, day.year], day)
    this_year = [by_month.get((day.year, m), 0) for m in range(1, 13)]
    last_year = [by_month.get((day.year - 1, m), 0) for m in range(1, 13)]
    ranked = sorted(
        (row for row in board.rows if row.overdue),
        key=lambda row: (-row.overdue, row.department.code),
    )
    percent_columns = [
        (index, column)
        for index, (_figure, column) in enumerate(board.columns)
        if column.chart and column.kind == "percent"
    ]
    compliance = [
        {
            "id": f"compliance-{index}",
            "label": column.label,
            "chart": charts.horizontal_bars(
                [
                    (row.department.name, row.cells[index].value, row.cells[index].url)
                    for row in sorted(
                        (r for r in board.rows if r.cells[index].value is not None),
                        key=lambda r: (r.cells[index].value, r.department.code),
                    )[:CHART_ROWS]
                ],
                top=100,
                suffix="%",
            ),
        }
        for index, column in percent_columns
    ]
    return {
        "board": board,
        "day": day,
        "totals": {
            "overdue": sum(row.overdue for row in board.rows),
            "due_soon": sum(row.due_soon for row in board.rows),
            "departments_overdue": len(ranked),
            "departments": len(board.rows),
        },
        "months_chart": charts.months([(str(day.year), this_year), (str(day.year - 1), last_year)]),
        "ranking_chart": charts.horizontal_bars(
            [(row.department.name, row.overdue, "") for row in ranked[:CHART_ROWS]]
        ),
        "chart_rows": CHART_ROWS,
        "ranking_cut": len(ranked) > CHART_ROWS,
        "compliance_charts": compliance,
    }


def clerk_context(user) -> dict:
    """A clerk's department: its row of the dashboard and the notices not yet read."""
    day = today()
    board = dashboard.board(dashboard.departments_for(user), day)
    return {
        "board": board,
        "row": board.rows[0] if board.rows else None,
        "day": day,
        # A copy (抄送) asks for nothing: only what the department is sent counts as unread.
        "unread": Notice.objects.for_user(user)
        .filter(Q(department=None) | Q(department=user.department_id), read_at__isnull=True)
        .count(),
    }


@login_required
def home(request):
    user = request.user
    context = {"department": user.department}
    if user.supervises_departments:
        context.update(dashboard_context(user))
        return render(request, "supervision/dashboard.html", context)
    if user.is_clerk:
        context.update(clerk_context(user))
    return render(request, "home.html", context)


# The annual assessment ------------------------------------------------------------------------------


def _sheets_for(request, year):
    return assessment.sheets(dashboard.departments_for(request.user), year)


@login_required
def assessment_list(request):
    """Every department's sheet of the year in scope, ranked; ``?format=xlsx`` for the workbook."""
    if not (request.user.supervises_departments or request.user.is_clerk):
        raise Http404
    year = _year(request)
    sheets = _sheets_for(request, year)
    assessment_round = assessment.round_of(year)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(assessment_workbook(sheets, year), f"assessment-{year}")
    return render(
        request,
        "supervision/assessment_list.html",
        {
            "year": year,
            "years": _years(),
            "sheets": sheets,
            # A final year's columns are the indicators its snapshot recorded.
            "rules": [rule for rule, _deduction in sheets[0].lines]
            if assessment_round and assessment_round.is_final and sheets
            else dashboard.indicators(year),
            "full_marks": dashboard.FULL_MARKS,
            "may_configure": _city_office(request.user),
            "round": assessment_round,
            "may_publish": _city_office(request.user)
            and assessment_round is None
            and year < today().year,
            "may_finalise": _city_office(request.user)
            and assessment_round is not None
            and not assessment_round.is_final
            and today() > assessment_round.contest_due,
            "day": dashboard.assessment_day(year),
        },
    )


def _sheet(request, pk, year) -> dashboard.Sheet:
    if not 2000 <= year <= today().year + 1:
        raise Http404
    department = get_object_or_404(dashboard.departments_for(request.user), pk=pk)
    return assessment.sheets(Department.objects.filter(pk=department.pk), year)[0]


@login_required
def assessment_sheet(request, pk, year):
    sheet = _sheet(request, pk, year)
    assessment_round = assessment.round_of(year)
    contests = (
        AssessmentContest.objects.for_user(request.user)
        .filter(round=assessment_round, department=sheet.department)
        .select_related("filed_by", "decided_by")
        if assessment_round
        else []
    )
    return render(
        request,
        "supervision/assessment_sheet.html",
        {
            "sheet": sheet,
            "year": year,
            "full_marks": dashboard.FULL_MARKS,
            "day": dashboard.assessment_day(year),
            "may_add": request.user.handles(sheet.department)
            and year <= today().year
            and not (assessment_round and assessment_round.is_final),
            "round": assessment_round,
            "contests": contests,
            "may_contest": bool(
                assessment_round
                and not assessment_round.is_final
                and today() <= assessment_round.contest_due
                and request.user.is_clerk
                and request.user.department_id == sheet.department.pk
            ),
            "may_decide": request.user.handles(sheet.department)
            and not (assessment_round and assessment_round.is_final),
        },
    )


@login_required
def assessment_item_add(request, pk, year):
    """The legal office of the department's own jurisdiction adds a manual item with reasons."""
    sheet = _sheet(request, pk, year)
    if not request.user.handles(sheet.department):
        raise Http404
    back = reverse("assessment-sheet", args=[pk, year])
    return form_page(
        request,
        AssessmentAdjustmentForm(request.POST or None),
        services.assessment_adjustment_add,
        success=_("The item is on the sheet."),
        done=back,
        department=sheet.department,
        year=year,
        context={
            "title": _("%(department)s, assessment %(year)d: a manual item")
            % {"department": sheet.department.name, "year": year},
            "submit_label": _("Add the item"),
            "back_url": back,
        },
    )


def _city_office(user) -> bool:
    return user.is_legal_office and user.is_top_office


def _assessment_step(request, year, service, success):
    """A step of the city's office on the year's assessment (a button): back to the list with
    ``success``, or with the reason it was refused."""
    if not _city_office(request.user):
        raise Http404
    back = f"{reverse('assessment-ranking')}?year={year}"
    if confirmation_missing(request):
        messages.error(request, confirmation_message())
        return redirect(back)
    try:
        service(actor=request.user, year=year)
    except TransitionNotAllowed as refusal:
        # As the kernel's transition buttons do: the refusal as a message on the page.
        messages.error(request, str(refusal.message))
        return redirect(back)
    messages.success(request, success)
    return redirect(back)


@login_required
@require_POST
def assessment_publish(request, year):
    return _assessment_step(
        request, year, assessment.assessment_publish, _("The draft sheets are published.")
    )


@login_required
@require_POST
def assessment_finalise(request, year):
    return _assessment_step(
        request,
        year,
        assessment.assessment_finalise,
        _("The sheets are final and the bulletin is issued."),
    )


@login_required
def assessment_contest_new(request, pk, year):
    """A clerk contests an item of the department's published draft sheet."""
    sheet = _sheet(request, pk, year)
    if not (request.user.is_clerk and request.user.department_id == sheet.department.pk):
        raise Http404
    back = reverse("assessment-sheet", args=[pk, year])
    return form_page(
        request,
        AssessmentContestForm(request.POST or None, items=assessment.contestable_items(sheet)),
        assessment.assessment_contest,
        success=_("The contest is filed; the legal office will decide it."),
        done=back,
        department=sheet.department,
        year=year,
        context={
            "title": _("%(department)s, assessment %(year)d: contest an item")
            % {"department": sheet.department.name, "year": year},
            "submit_label": _("File the contest"),
            "back_url": back,
        },
    )


@login_required
def assessment_contest_decide(request, pk):
    """The legal office of the department's jurisdiction decides a contest with reasons."""
    contest = get_object_or_404(
        AssessmentContest.objects.for_user(request.user).select_related("round", "department"),
        pk=pk,
    )
    if not request.user.handles(contest.department):
        raise Http404
    back = reverse("assessment-sheet", args=[contest.department_id, contest.round.year])
    return form_page(
        request,
        AssessmentContestDecisionForm(request.POST or None),
        assessment.assessment_contest_decide,
        success=_("The contest is decided."),
        done=back,
        contest=contest,
        context={
            "title": _("Decide: %(contest)s") % {"contest": contest},
            "submit_label": _("Decide"),
            "back_url": back,
        },
    )


@login_required
def assessment_indicators(request):
    """The year's template of indicators (依法行政考核指标), kept by the city's legal office: the
    rules' points for the year, their own values until it sets them (audited)."""
    user = request.user
    if not (user.is_legal_office and user.is_top_office):
        raise Http404
    year = _year(request)
    form = AssessmentIndicatorsForm(request.POST or None, rules=dashboard.indicators(year))
    back = f"{reverse('assessment-ranking')}?year={year}"
    return form_page(
        request,
        form,
        lambda *, actor, year, **_values: services.assessment_indicators_set(
            actor=actor, year=year, values=form.values()
        ),
        success=_("The indicators of %(year)d are saved.") % {"year": year},
        done=back,
        year=year,
        context={
            "title": _("Assessment indicators %(year)d") % {"year": year},
            "submit_label": _("Save the indicators"),
            "back_url": back,
        },
    )


@login_required
def assessment_sheet_pdf(request, pk, year):
    sheet = _sheet(request, pk, year)
    response = HttpResponse(render_sheet_pdf(sheet), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="assessment-{sheet.department.code}-{year}.pdf"'
    )
    return response


def render_sheet_pdf(sheet: dashboard.Sheet) -> bytes:
    """The sheet as a document of the department's jurisdiction's legal office (WeasyPrint)."""
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "supervision/assessment_pdf.html",
            {
                "sheet": sheet,
                "office_name": sheet.department.jurisdiction.office_name,
                "full_marks": dashboard.FULL_MARKS,
                "day": long_date(dashboard.assessment_day(sheet.year)),
                "printed": long_date(timezone.localdate()),
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def assessment_workbook(sheets, year: int) -> bytes:
    """One worksheet with the ranking, then one per department listing every deduction's items.
    Written in openpyxl's write-only mode: a province's sheets run to tens of thousands of rows."""
    workbook = Workbook(write_only=True)

    def row(worksheet, values, *, bold=False):
        cells = [_cell(worksheet, value) for value in values]
        if bold:
            for cell in cells:
                cell.font = Font(bold=True)
        worksheet.append(cells)

    summary = workbook.create_sheet(_("Ranking")[:31])
    rules = dashboard.registered_deductions()
    row(
        summary,
        [
            _("rank"),
            _("department"),
            _("jurisdiction"),
            *[str(rule.label) for rule in rules],
            _("manual item"),
            _("points deducted"),
            pgettext("assessment", "score"),
        ],
        bold=True,
    )
    for sheet in sheets:
        row(
            summary,
            [
                sheet.rank,
                sheet.department.name,
                sheet.department.jurisdiction.name,
                *[float(d.points) if d else 0 for _rule, d in sheet.lines],
                -float(sum(a.points for a in sheet.adjustments)),
                float(sheet.deducted),
                float(sheet.score),
            ],
        )
    for sheet in sheets:
        page = workbook.create_sheet(sheet.department.code[:31])
        row(page, [sheet.department.name, _("Assessment %(year)d") % {"year": year}], bold=True)
        row(page, [_("indicator"), _("points"), _("deducted"), _("item"), _("note")], bold=True)
        for rule, deduction in sheet.lines:
            row(
                page,
                [
                    str(rule.label),
                    float(rule.max_points),
                    float(deduction.points) if deduction else 0,
                    str(rule.basis),
                    deduction.note if deduction else "",
                ],
            )
            for item in deduction.items if deduction else []:
                row(page, ["", "", "", item.text, ""])
        for adjustment in sheet.adjustments:
            row(
                page,
                [
                    _("manual item"),
                    "",
                    -float(adjustment.points),
                    notes.render(adjustment.reason),
                    "",
                ],
            )
        row(page, [_("full marks"), float(dashboard.FULL_MARKS), float(sheet.deducted)])
        row(page, [_("final score"), float(sheet.score)], bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The year's statistics ------------------------------------------------------------------------------


def _statistics(request, year):
    if not request.user.supervises_departments:
        raise Http404
    if not 2000 <= year <= today().year:
        raise Http404
    return statistics.tables(dashboard.departments_for(request.user), year)


def _statistics_title(year):
    return _("Statistics of administrative enforcement %(year)d") % {"year": year}


@login_required
def statistics_page(request):
    """年度行政执法统计: every registered table for the legal office's departments; ``?format=xlsx``
    for the workbook, one sheet per table."""
    year = _year(request)
    tables = _statistics(request, year)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(statistics_workbook(tables), f"statistics-{year}")
    return render(
        request,
        "supervision/statistics.html",
        {"year": year, "years": _years(), "tables": tables, "title": _statistics_title(year)},
    )


@login_required
def statistics_pdf(request, year):
    """The year's statistics as a report of the office for the government (WeasyPrint)."""
    from weasyprint import HTML

    tables = _statistics(request, year)
    office = request.user.jurisdiction
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "supervision/statistics_pdf.html",
            {
                "tables": tables,
                "title": _statistics_title(year),
                "office_name": office.office_name if office else "",
                "printed": long_date(timezone.localdate()),
            },
        )
    response = HttpResponse(
        HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="statistics-{year}.pdf"'
    return response


def statistics_workbook(tables) -> bytes:
    workbook = Workbook(write_only=True)
    for index, table in enumerate(tables, 1):
        sheet = workbook.create_sheet(f"{index} {table.title}"[:31])
        header = [_cell(sheet, _("department")), *[_cell(sheet, h) for h in table.headers]]
        for cell in header:
            cell.font = Font(bold=True)
        sheet.append(header)
        for name, numbers in table.rows:
            sheet.append([_cell(sheet, name), *[_cell(sheet, n) for n in numbers]])
        sheet.append([_cell(sheet, _("total")), *[_cell(sheet, n) for n in table.totals]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
