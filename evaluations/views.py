"""Pages of evaluation campaigns: the list, setting one up, the campaign (schedule, departments
and self-checks, sample, results, findings), the scoring screen file by file, the department's
view of its own campaign, the scores' .xlsx and the report's PDF.

Every record comes through ``for_user``; every change through ``evaluations.services``."""

import django_filters
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases.models import CatalogueItem
from supervision import calendar, notices
from supervision.errors import TransitionNotAllowed
from supervision.models import Finding
from supervision.spreadsheets import workbook_bytes, xlsx_response
from supervision.web.documents import serve_document
from supervision.web.filters import YearFilter
from supervision.web.pages import add_service_errors, form_page, history, list_page

from . import services
from .forms import (
    AddFileForm,
    AppealDecisionForm,
    AppealForm,
    CampaignForm,
    ReasonForm,
    ScheduleForm,
    ScoringForm,
    SelfCheckForm,
    SettleForm,
)
from .models import Appeal, Campaign, Participant, SampleFile, Score


class CampaignFilter(django_filters.FilterSet):
    year = YearFilter(label=gettext_lazy("year evaluated"))
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("status"), choices=Campaign.Status.choices
    )

    class Meta:
        model = Campaign
        fields = ["year", "status"]


CAMPAIGN_COLUMNS = [
    (gettext_lazy("title"), lambda c: c.title),
    (gettext_lazy("year evaluated"), lambda c: c.year),
    (gettext_lazy("status"), lambda c: c.get_status_display()),
    (gettext_lazy("self-check report due"), lambda c: c.self_check_due),
    (gettext_lazy("rectification due"), lambda c: c.rectification_due),
]


def _campaign_for(request, pk):
    return get_object_or_404(Campaign.objects.for_user(request.user), pk=pk)


def _sample_for(request, pk):
    return get_object_or_404(SampleFile.objects.for_user(request.user), pk=pk)


def _is_member(user, campaign) -> bool:
    return campaign.members.filter(pk=user.pk).exists()


@login_required
def campaign_list(request):
    return list_page(
        request,
        queryset=Campaign.objects.for_user(request.user).distinct(),
        filterset_class=CampaignFilter,
        template="evaluations/campaign_list.html",
        export_columns=CAMPAIGN_COLUMNS,
        export_title=gettext_lazy("Evaluation campaigns"),
        export_filename=_("evaluation-campaigns"),
    )


@login_required
def campaign_create(request):
    if not request.user.supervises_departments:
        raise Http404
    form = CampaignForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        services.campaign_create,
        success=gettext_lazy("The campaign has been set up."),
        context={"title": _("New evaluation campaign")},
    )


def _detail(request, campaign, *, status=200, problem=None, **forms):
    user = request.user
    participants = Participant.objects.for_user(user).filter(campaign=campaign)
    samples = (
        SampleFile.objects.for_user(user)
        .filter(campaign=campaign)
        .annotate(sheets=Count("scores"))
        .select_related("appeal")
    )
    published = campaign.status in (Campaign.Status.PUBLISHED, Campaign.Status.REPORTED)
    office = user.supervises_departments
    acts = office and user.jurisdiction_id == campaign.office_id
    sample_ids = [str(pk) for pk in samples.values_list("pk", flat=True)]
    findings = Finding.objects.for_user(user).filter(
        source_type=ContentType.objects.get_for_model(SampleFile), source_id__in=sample_ids
    )
    own = participants.first() if user.is_clerk else None
    context = {
        "campaign": campaign,
        "participants": participants,
        "samples": samples,
        "show_scores": published or not user.is_clerk,
        "published": published,
        "acts": acts,
        "member": _is_member(user, campaign),
        "differences": services.differences(campaign) if not user.is_clerk else [],
        "results": _results_for(user, campaign) if published else None,
        "findings": findings,
        "own": own,
        "sample_visible": campaign.sample_visible_to_departments(),
        "problem": problem,
        "history": history(request, campaign),
        "schedule_form": forms.get("schedule_form")
        or ScheduleForm(initial={f: getattr(campaign, f) for f in services.SCHEDULE}),
        "add_form": forms.get("add_form") or AddFileForm(campaign=campaign),
        "self_check_form": forms.get("self_check_form") or SelfCheckForm(),
    }
    return render(request, "evaluations/campaign_detail.html", context, status=status)


def _results_for(user, campaign):
    """Every department's results for the group and the office; a department's own for it."""
    rows = services.results(campaign)
    if user.is_clerk:
        rows = [row for row in rows if row["department"].pk == user.department_id]
    return rows


@login_required
def campaign_detail(request, pk):
    return _detail(request, _campaign_for(request, pk))


def _run(request, record, page, service, *, success, form=None, form_name="", **arguments):
    """A POST on a page: the service with the form's values; 400 on bad input, 409 on a refusal
    in the record's state, 403 on a refusal of the user (PermissionDenied)."""
    if form is not None and not form.is_valid():
        return page(request, record, status=400, **{form_name: form})
    try:
        service(actor=request.user, **arguments, **(form.cleaned_data if form else {}))
    except TransitionNotAllowed as refusal:
        return page(request, record, status=409, problem=refusal.message)
    except ValidationError as error:
        if form is None:
            return page(request, record, status=400, problem="；".join(error.messages))
        add_service_errors(form, error)
        return page(request, record, status=400, **{form_name: form})
    messages.success(request, success)
    return redirect(record)


@login_required
@require_POST
def campaign_action(request, pk, action):
    campaign = _campaign_for(request, pk)
    if action == "draw":
        return _run(
            request,
            campaign,
            _detail,
            services.campaign_draw,
            campaign=campaign,
            success=_("The sample has been drawn."),
        )
    if action == "publish":
        return _run(
            request,
            campaign,
            _detail,
            services.campaign_publish,
            campaign=campaign,
            success=_("The results have been published and the findings ordered to be rectified."),
        )
    if action == "report":
        return _run(
            request,
            campaign,
            _detail,
            services.campaign_report,
            campaign=campaign,
            success=_("The campaign report has been issued."),
        )
    if action == "schedule":
        return _run(
            request,
            campaign,
            _detail,
            services.campaign_schedule_change,
            campaign=campaign,
            form=ScheduleForm(request.POST),
            form_name="schedule_form",
            success=_("The schedule has been changed."),
        )
    if action == "add":
        form = AddFileForm(request.POST, campaign=campaign)
        if not form.is_valid():
            return _detail(request, campaign, status=400, add_form=form)
        item = CatalogueItem.objects.filter(
            catalogue__department=form.cleaned_data["department"],
            catalogue__year=campaign.year,
            case_number=form.cleaned_data["case_number"].strip(),
        ).first()
        if item is None:
            form.add_error(
                "case_number", _("No such file in the department's catalogue of the year.")
            )
            return _detail(request, campaign, status=400, add_form=form)
        return _run(
            request,
            campaign,
            _detail,
            services.sample_add,
            campaign=campaign,
            item=item,
            reason=form.cleaned_data["reason"],
            success=_("The file has been added to the sample."),
        )
    if action == "self_check":
        participant = get_object_or_404(
            Participant.objects.for_user(request.user).filter(campaign=campaign),
            department=request.user.department_id,
        )
        return _run(
            request,
            campaign,
            _detail,
            services.self_check_submit,
            participant=participant,
            form=SelfCheckForm(request.POST, request.FILES),
            form_name="self_check_form",
            success=_("The self-check report has been sent."),
        )
    raise Http404


@login_required
def self_check_file(request, pk, participant_pk):
    campaign = _campaign_for(request, pk)
    participant = get_object_or_404(
        Participant.objects.for_user(request.user).filter(campaign=campaign), pk=participant_pk
    )
    return serve_document(
        participant.self_check_file,
        _("self-check-%(department)s") % {"department": participant.department.code},
    )


# The scoring screen -------------------------------------------------------------------------------


def _neighbours(request, sample):
    ids = list(
        SampleFile.objects.for_user(request.user)
        .filter(campaign=sample.campaign_id, dropped=False)
        .values_list("pk", flat=True)
    )
    if sample.pk not in ids:
        return None, None
    at = ids.index(sample.pk)
    return (ids[at - 1] if at > 0 else None), (ids[at + 1] if at + 1 < len(ids) else None)


def _score_page(request, sample, *, status=200, problem=None, **forms):
    user = request.user
    campaign = sample.campaign
    items = list(campaign.template.items.all())
    member = _is_member(user, campaign)
    own_score = (
        Score.objects.filter(sample=sample, evaluator=user).prefetch_related("lines").first()
        if member
        else None
    )
    published = campaign.status in (Campaign.Status.PUBLISHED, Campaign.Status.REPORTED)
    show_scores = published or not user.is_clerk
    previous, following = _neighbours(request, sample)
    appeal = Appeal.objects.filter(sample=sample).first()
    context = {
        "sample": sample,
        "campaign": campaign,
        "items": items,
        "member": member,
        "lead": user.pk == campaign.lead_id,
        "scoring_open": campaign.status == Campaign.Status.SCORING and not sample.dropped,
        "form": forms.get("form") or ScoringForm(items=items, score=own_score),
        "scores": Score.objects.filter(sample=sample)
        .select_related("evaluator")
        .prefetch_related(Prefetch("lines", to_attr="all_lines"))
        if show_scores
        else [],
        "show_scores": show_scores,
        "published": published,
        "appeal": appeal,
        "appeal_open": published
        and appeal is None
        and user.is_clerk
        and campaign.appeal_due is not None
        and calendar.today() <= campaign.appeal_due,
        "settle_form": forms.get("settle_form") or SettleForm(),
        "drop_form": forms.get("drop_form") or ReasonForm(),
        "appeal_form": forms.get("appeal_form") or AppealForm(),
        "decision_form": forms.get("decision_form") or AppealDecisionForm(),
        "previous": previous,
        "next": following,
        "problem": problem,
        "history": history(request, sample),
    }
    return render(request, "evaluations/sample_score.html", context, status=status)


@login_required
def sample_score(request, pk):
    sample = _sample_for(request, pk)
    if request.method != "POST":
        return _score_page(request, sample)
    items = list(sample.campaign.template.items.all())
    form = ScoringForm(request.POST, items=items)
    if not form.is_valid():
        return _score_page(request, sample, status=400, form=form)
    try:
        services.score_submit(sample=sample, actor=request.user, **form.service_arguments())
    except TransitionNotAllowed as refusal:
        return _score_page(request, sample, status=409, problem=refusal.message)
    except ValidationError as error:
        add_service_errors(form, error)
        return _score_page(request, sample, status=400, form=form)
    messages.success(request, _("The score has been saved."))
    _previous, following = _neighbours(request, sample)
    return redirect("evaluations:sample-score", following or sample.pk)


@login_required
@require_POST
def sample_action(request, pk, action):
    sample = _sample_for(request, pk)
    if action == "drop":
        return _run(
            request,
            sample,
            _score_page,
            services.sample_drop,
            sample=sample,
            form=ReasonForm(request.POST),
            form_name="drop_form",
            success=_("The file has been dropped from the sample."),
        )
    if action == "settle":
        return _run(
            request,
            sample,
            _score_page,
            services.sample_settle,
            sample=sample,
            form=SettleForm(request.POST),
            form_name="settle_form",
            success=_("The final score has been settled."),
        )
    if action == "appeal":
        return _run(
            request,
            sample,
            _score_page,
            services.appeal_file,
            sample=sample,
            form=AppealForm(request.POST),
            form_name="appeal_form",
            success=_("The appeal has been filed."),
        )
    if action == "decide":
        appeal = get_object_or_404(Appeal, sample=sample)
        return _run(
            request,
            sample,
            _score_page,
            services.appeal_decide,
            appeal=appeal,
            form=AppealDecisionForm(request.POST),
            form_name="decision_form",
            success=_("The appeal has been decided."),
        )
    raise Http404


# Exports ------------------------------------------------------------------------------------------


@login_required
def campaign_scores(request, pk):
    """Every score of the campaign as .xlsx: one row per evaluator's sheet and per final score."""
    campaign = _campaign_for(request, pk)
    if request.user.is_clerk and campaign.status not in (
        Campaign.Status.PUBLISHED,
        Campaign.Status.REPORTED,
    ):
        raise Http404
    items = list(campaign.template.items.all())
    samples = (
        SampleFile.objects.for_user(request.user)
        .filter(campaign=campaign, dropped=False)
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=Score.objects.select_related("evaluator").prefetch_related("lines"),
            )
        )
    )
    headers = [
        _("department"),
        _("case number"),
        _("case title"),
        _("evaluator"),
        *[item.name for item in items],
        _("score"),
        _("final score"),
        _("grade"),
    ]
    rows = []
    for sample in samples:
        for score in sample.scores.all():
            lines = {line.item_id: line for line in score.lines.all()}
            rows.append(
                [
                    sample.department.name,
                    sample.item.case_number,
                    sample.item.title,
                    score.evaluator.get_full_name() or score.evaluator.username,
                    *[
                        (_("found") if item.pk in lines else "")
                        if item.is_veto
                        else (lines[item.pk].deduction if item.pk in lines else 0)
                        for item in items
                    ],
                    score.total,
                    sample.final_score,
                    sample.get_grade_display(),
                ]
            )
    content = workbook_bytes(title=campaign.title, headers=headers, rows=rows)
    return xlsx_response(content, _("evaluation-scores-%(year)d") % {"year": campaign.year})


@login_required
def campaign_report_pdf(request, pk):
    campaign = _campaign_for(request, pk)
    if campaign.report_notice is None:
        raise Http404
    response = HttpResponse(
        notices.render_pdf(campaign.report_notice), content_type="application/pdf"
    )
    response["Content-Disposition"] = f"inline; filename=evaluation-report-{campaign.year}.pdf"
    return response
