"""The writes of evaluation campaigns (案卷评查): set up, draw the sample, self-check reports,
score file by file, settle differences, publish (findings into the kernel's rectification loop),
appeals, and the campaign report (评查通报)."""

import datetime
import itertools
import math
import random
import secrets
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import CatalogueItem, MajorDecision
from supervision import audit, calendar, notes, notices, rectification, uploads
from supervision.calendar import WorkingCalendar, long_date
from supervision.errors import TransitionNotAllowed
from supervision.models import Department, Notice, User
from supervision.notices import NoticeDraft
from supervision.workflow import (
    require_legal_office,
    require_reason,
    save_new,
    transition,
)

from .deadlines import SCHEDULE, default_schedule, schedule_date
from .models import (
    MAX_DIFFERENCE,
    Appeal,
    Campaign,
    Grade,
    Participant,
    SampleFile,
    Score,
    ScoreLine,
    ScoringItem,
    ScoringTemplate,
)

Status = Campaign.Status

# The default scoring sheet (100 points over the seven items cities commonly use; veto items).
DEFAULT_SHEET_NAME = "行政执法案卷评查评分表（通用）"
DEFAULT_ITEMS = [
    ("主体合法", 10, "执法主体适格，执法人员持证执法"),
    ("事实证据", 25, "事实清楚，证据确凿充分"),
    ("法律适用", 15, "适用法律、法规、规章正确"),
    ("程序合法", 20, "告知、听证、送达等程序合法"),
    ("裁量适当", 10, "符合裁量基准，过罚相当"),
    ("文书规范", 10, "文书要素齐全、制作规范"),
    ("立卷归档", 10, "案卷完整，装订、编目规范"),
]
DEFAULT_VETOES = [
    ("无法律依据", "作出的行政执法决定没有法律依据"),
    ("主体不具有执法资格", "执法主体不具有相应执法资格或超越职权"),
]


def default_template() -> ScoringTemplate:
    """The shared default sheet, created on first use."""
    template, created = ScoringTemplate.objects.get_or_create(name=DEFAULT_SHEET_NAME)
    if created:
        ScoringItem.objects.bulk_create(
            [
                ScoringItem(template=template, order=n, name=name, points=points, guidance=text)
                for n, (name, points, text) in enumerate(DEFAULT_ITEMS, start=1)
            ]
            + [
                ScoringItem(template=template, order=n, name=name, is_veto=True, guidance=text)
                for n, (name, text) in enumerate(DEFAULT_VETOES, start=1)
            ]
        )
    return template


def _lock(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().select_related("template").get(pk=campaign.pk)


def _require_office(actor, campaign: Campaign) -> None:
    """The campaign's own legal office acts on it."""
    require_legal_office(actor)
    if actor.jurisdiction_id != campaign.office_id:
        raise PermissionDenied(_("Only the legal office that runs the campaign may do this."))


def _require_lead(actor, campaign: Campaign) -> None:
    if actor.pk != campaign.lead_id:
        raise PermissionDenied(_("Only the group's lead may do this."))


# Setting up -------------------------------------------------------------------------------------


def _schedule_values(year, dates: dict) -> dict:
    """The five dates: each one given, or annex 1's default; each moved to a working day."""
    working_calendar = WorkingCalendar.load()
    defaults = default_schedule(year, working_calendar)
    values, explanations = {}, {}
    for field in SCHEDULE:
        given = dates.get(field)
        deadline = schedule_date(field, given, working_calendar) if given else defaults[field]
        values[field] = deadline.due
        explanations[field] = deadline.as_json()
    for before, field in itertools.pairwise(SCHEDULE):
        if values[field] < values[before]:
            raise ValidationError(
                {field: _("The dates of the schedule must follow each other in order.")}
            )
    values["schedule_explanation"] = explanations
    return values


@transaction.atomic
def campaign_create(
    *,
    actor,
    year: int,
    departments,
    title: str = "",
    kinds,
    lead: User | None = None,
    members=(),
    template: ScoringTemplate | None = None,
    sample_count: int | None = None,
    sample_share: int | None = None,
    **dates,
) -> Campaign:
    """A campaign of the actor's legal office over named departments of its own jurisdiction."""
    require_legal_office(actor)
    errors = {}
    departments = list(departments)
    if not departments:
        errors["departments"] = _("Name the departments to evaluate.")
    for department in departments:
        if not actor.handles(department) or department.is_legal_office:
            errors["departments"] = _("Name departments of this office's own jurisdiction.")
    kinds = list(kinds or [])
    if not kinds or not set(kinds) <= set(Campaign.Kind.values):
        errors["kinds"] = _("Choose the kinds of case file to evaluate.")
    if (sample_count is None) == (sample_share is None):
        errors["sample_count"] = _("Give either a number of files or a share per department.")
    this_year = calendar.today().year
    if year is None or year >= this_year + 1 or year < 2000:
        errors["year"] = _("Evaluate the files of a year that has ended.")
    members = list(members)
    for member in members:
        if not (member.is_legal_office or member.role == User.Role.SUPERVISOR):
            errors["members"] = _(
                "The group is made of legal-office staff and invited supervisors."
            )
    lead = lead or actor
    if not lead.is_legal_office:
        errors["lead"] = _("The group's lead is a member of the legal office's staff.")
    if errors:
        raise ValidationError(errors)
    campaign = Campaign(
        office_id=actor.jurisdiction_id,
        title=(title or "").strip() or _("Case-file evaluation of %(year)d") % {"year": year},
        year=year,
        kinds=kinds,
        template=template or default_template(),
        lead=lead,
        sample_count=sample_count,
        sample_share=sample_share,
        created_by=actor,
        **_schedule_values(year, dates),
    )
    save_new(campaign, actor=actor)
    campaign.members.set({lead, *members})
    Participant.objects.bulk_create(
        [Participant(campaign=campaign, department=d) for d in departments]
    )
    return campaign


@transaction.atomic
def campaign_schedule_change(*, campaign: Campaign, actor, **dates) -> Campaign:
    """Move dates of the schedule (each again to a working day); not after publication."""
    campaign = _lock(campaign)
    _require_office(actor, campaign)
    if campaign.status not in (Status.SETUP, Status.SCORING):
        raise TransitionNotAllowed(_("The schedule is fixed once the results are published."))
    current = {field: getattr(campaign, field) for field in SCHEDULE}
    values = _schedule_values(campaign.year, {**current, **{k: v for k, v in dates.items() if v}})
    before = audit.snapshot(campaign, list(SCHEDULE))
    for name, value in values.items():
        setattr(campaign, name, value)
    campaign.save(update_fields=list(values))
    audit.record(
        campaign,
        action="change",
        actor=actor,
        before=before,
        after=audit.snapshot(campaign, list(SCHEDULE)),
    )
    return campaign


# The sample ---------------------------------------------------------------------------------------


def _population(campaign: Campaign, department_id: int):
    """The department's filed case files of the year, of the campaign's kinds (one query)."""
    return CatalogueItem.objects.filter(
        catalogue__department=department_id,
        catalogue__year=campaign.year,
        catalogue__filed_on__isnull=False,
        kind__in=campaign.kinds,
    )


def draw(campaign: Campaign, department_id: int, seed: int) -> list[tuple[int, bool]]:
    """(item id, is major) of the files drawn for one department: every major decision, then a
    random choice of the rest up to the number or share — reproducible from ``seed``."""
    population = list(
        _population(campaign, department_id).order_by("pk").values_list("pk", "case_number")
    )
    majors = set(
        MajorDecision.objects.filter(
            department=department_id, decision_date__year=campaign.year
        ).values_list("case_number", flat=True)
    )
    major_ids = [pk for pk, number in population if number in majors]
    others = [pk for pk, number in population if number not in majors]
    if campaign.sample_count is not None:
        wanted = campaign.sample_count
    else:
        wanted = math.ceil(len(population) * campaign.sample_share / 100)
    rest = max(0, min(wanted - len(major_ids), len(others)))
    # Reproducible, not secret: the stored seed lets anyone draw the same files again.
    chosen = random.Random(f"{seed}:{department_id}").sample(others, rest)  # noqa: S311
    return [(pk, True) for pk in major_ids] + [(pk, False) for pk in sorted(chosen)]


@transaction.atomic
def campaign_draw(*, campaign: Campaign, actor, seed: int | None = None) -> Campaign:
    """Draw the sample from the departments' filed catalogues and start the evaluation."""
    campaign = _lock(campaign)
    _require_office(actor, campaign)
    if campaign.status != Status.SETUP:
        raise TransitionNotAllowed(_("The sample has already been drawn."))
    seed = seed if seed is not None else secrets.randbits(48)
    samples = []
    for participant in campaign.participants.all():
        for item_id, is_major in draw(campaign, participant.department_id, seed):
            samples.append(
                SampleFile(
                    campaign=campaign,
                    department_id=participant.department_id,
                    item_id=item_id,
                    is_major=is_major,
                )
            )
    SampleFile.objects.bulk_create(samples, batch_size=1000)
    transition(
        campaign,
        actor=actor,
        action="draw_sample",
        sources=(Status.SETUP,),
        target=Status.SCORING,
        refusal=_("The sample has already been drawn."),
        seed=seed,
    )
    return campaign


@transaction.atomic
def sample_add(*, campaign: Campaign, actor, item: CatalogueItem, reason: str) -> SampleFile:
    """Add a file of an evaluated department's catalogue of the year to the sample, with reasons."""
    campaign = _lock(campaign)
    _require_office(actor, campaign)
    reason = require_reason(reason)
    if campaign.status != Status.SCORING:
        raise TransitionNotAllowed(_("Files are added while the evaluation is under way."))
    department_id = item.catalogue.department_id
    if not (
        campaign.participants.filter(department=department_id).exists()
        and item.catalogue.year == campaign.year
    ):
        raise ValidationError(
            {"item": _("Choose a file of an evaluated department from the year evaluated.")}
        )
    if SampleFile.objects.filter(campaign=campaign, item=item).exists():
        raise ValidationError({"item": _("This file is already in the sample.")})
    sample = SampleFile(
        campaign=campaign, department_id=department_id, item=item, added_reason=reason
    )
    sample.save()
    audit.record(sample, action="add_to_sample", actor=actor, reason=reason)
    return sample


def _lock_sample(sample: SampleFile) -> SampleFile:
    return (
        SampleFile.objects.select_for_update()
        .select_related("campaign__template")
        .get(pk=sample.pk)
    )


@transaction.atomic
def sample_drop(*, sample: SampleFile, actor, reason: str) -> SampleFile:
    sample = _lock_sample(sample)
    _require_office(actor, sample.campaign)
    reason = require_reason(reason)
    if sample.campaign.status != Status.SCORING:
        raise TransitionNotAllowed(_("Files are dropped while the evaluation is under way."))
    return transition(
        sample,
        actor=actor,
        action="drop_from_sample",
        sources=(False,),
        target=True,
        refusal=_("This file has already been dropped."),
        reason=reason,
        state_field="dropped",
        drop_reason=reason,
    )


# Self-check ---------------------------------------------------------------------------------------


@transaction.atomic
def self_check_submit(*, participant: Participant, actor, text: str, file=None) -> Participant:
    """The department's self-check report (text and attachment); late reports are taken."""
    participant = (
        Participant.objects.select_for_update().select_related("campaign").get(pk=participant.pk)
    )
    if not (actor.is_clerk and actor.department_id == participant.department_id):
        raise PermissionDenied(_("The department's clerk sends its self-check report."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the self-check report.")})
    if participant.campaign.status not in (Status.SETUP, Status.SCORING):
        raise TransitionNotAllowed(_("The evaluation is over: self-check reports are closed."))
    before = audit.snapshot(participant)
    participant.self_check_text = text
    if file:
        participant.self_check_file = file
    participant.self_check_on = calendar.today()
    uploads.remember_names(participant)
    participant.full_clean()
    participant.save()
    audit.record(
        participant, action="submit", actor=actor, before=before, after=audit.snapshot(participant)
    )
    return participant


# Scoring ------------------------------------------------------------------------------------------


def _decimal(value, field) -> Decimal:
    try:
        number = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number.")})
    return number.quantize(Decimal("0.1"))


def _settle(sample: SampleFile, template: ScoringTemplate) -> None:
    """The file's score from its sheets: one evaluator's, or the mean of two within 10 points;
    two further apart wait for the group's lead."""
    if sample.settled_by_id:
        return
    scores = list(sample.scores.all())
    totals = [s.total for s in scores]
    if not scores or (len(totals) > 1 and max(totals) - min(totals) > MAX_DIFFERENCE):
        sample.final_score, sample.vetoed, sample.grade = None, False, ""
    else:
        sample.final_score = (sum(totals) / len(totals)).quantize(Decimal("0.1"))
        sample.vetoed = any(s.vetoed for s in scores)
        sample.grade = template.grade(sample.final_score, sample.vetoed)
    sample.save(update_fields=["final_score", "vetoed", "grade"])


def _veto_line(item, values) -> ScoreLine:
    note = (values.get("note") or "").strip()
    return ScoreLine(item=item, note=note, raise_finding=bool(values.get("raise_finding")))


def _deduction_line(item, values) -> ScoreLine | None:
    """The line of a point item, or None when nothing was deducted or noted."""
    field = f"item_{item.pk}"
    note = (values.get("note") or "").strip()
    deduction = _decimal(values.get("deduction"), field)
    if not Decimal(0) <= deduction <= item.points:
        raise ValidationError(
            {field: _("Deduct between 0 and %(points)d points.") % {"points": item.points}}
        )
    if deduction and not note:
        raise ValidationError({f"note_{item.pk}": _("Say why the points are deducted.")})
    if not (deduction or note):
        return None
    return ScoreLine(
        item=item,
        deduction=deduction,
        note=note,
        raise_finding=bool(values.get("raise_finding")) and deduction > 0,
    )


@transaction.atomic
def score_submit(*, sample: SampleFile, actor, lines: dict, vetoes=()) -> Score:
    """An evaluator's sheet for one file: ``lines`` is {item id: {"deduction", "note",
    "raise_finding"}} for the point items, ``vetoes`` the ids of veto items found (each with
    its note in ``lines``). Scoring again replaces the evaluator's sheet."""
    sample = _lock_sample(sample)
    campaign = sample.campaign
    if not campaign.members.filter(pk=actor.pk).exists():
        raise PermissionDenied(_("Only members of the evaluation group score files."))
    if campaign.status != Status.SCORING:
        raise TransitionNotAllowed(_("Files are scored while the evaluation is under way."))
    if sample.dropped:
        raise TransitionNotAllowed(_("This file has been dropped from the sample."))
    errors, new_lines = {}, []
    vetoes = {int(v) for v in vetoes}
    total, vetoed = Decimal(0), False
    for item in campaign.template.items.all():
        values = lines.get(item.pk) or lines.get(str(item.pk)) or {}
        if item.is_veto:
            if item.pk in vetoes:
                vetoed = True
                new_lines.append(_veto_line(item, values))
            continue
        total += item.points
        try:
            line = _deduction_line(item, values)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        if line is not None:
            total -= line.deduction
            new_lines.append(line)
    if errors:
        raise ValidationError(errors)
    score, created = Score.objects.get_or_create(
        sample=sample, evaluator=actor, defaults={"total": total, "vetoed": vetoed}
    )
    before = None if created else audit.snapshot(score)
    score.total, score.vetoed = total, vetoed
    score.save()
    score.lines.all().delete()
    for line in new_lines:
        line.score = score
    ScoreLine.objects.bulk_create(new_lines)
    audit.record(
        sample,
        action="score",
        actor=actor,
        before=before,
        after={"evaluator": actor.username, "total": str(total), "vetoed": vetoed},
    )
    _settle(sample, campaign.template)
    return score


@transaction.atomic
def sample_settle(
    *, sample: SampleFile, actor, score, vetoed: bool = False, reason: str = ""
) -> SampleFile:
    """The group's lead settles a file's final score (where two evaluators differ by more than
    10 points, or at any time before publication), with reasons."""
    sample = _lock_sample(sample)
    _require_lead(actor, sample.campaign)
    if sample.campaign.status != Status.SCORING:
        raise TransitionNotAllowed(_("Scores are settled while the evaluation is under way."))
    score = _decimal(score, "score")
    if not Decimal(0) <= score <= Decimal(100):
        raise ValidationError({"score": _("A score is between 0 and 100.")})
    reason = require_reason(reason)
    return transition(
        sample,
        actor=actor,
        action="settle",
        sources=(sample.final_score,),
        target=score,
        refusal="",
        reason=reason,
        state_field="final_score",
        vetoed=vetoed,
        grade=sample.campaign.template.grade(score, vetoed),
        settled_by=actor,
    )


def differences(campaign: Campaign):
    """The files whose two evaluators differ by more than 10 points (for the lead to settle)."""
    return [
        sample
        for sample in campaign.samples.filter(dropped=False, settled_by__isnull=True)
        .annotate(n=Count("scores"))
        .filter(n__gt=1)
        .prefetch_related("scores")
        if max(s.total for s in sample.scores.all()) - min(s.total for s in sample.scores.all())
        > MAX_DIFFERENCE
    ]


# Publication and findings -------------------------------------------------------------------------


@transaction.atomic
def campaign_publish(*, campaign: Campaign, actor) -> Campaign:
    """Publish the results: every file in the sample has its final score. The deductions marked
    for it become findings in the rectification loop, all due on the campaign's rectification date."""
    campaign = _lock(campaign)
    _require_office(actor, campaign)
    if campaign.status != Status.SCORING:
        raise TransitionNotAllowed(_("Only a campaign under evaluation can publish its results."))
    unscored = campaign.samples.filter(dropped=False, final_score__isnull=True).count()
    if unscored:
        raise TransitionNotAllowed(
            _("%(count)d files have no final score yet: score them or settle the differences.")
            % {"count": unscored}
        )
    today = calendar.today()
    findings = []
    lines = (
        ScoreLine.objects.filter(score__sample__campaign=campaign, score__sample__dropped=False)
        .filter(raise_finding=True)
        .select_related("item", "score__sample__department", "score__sample__item")
        .order_by("score__sample__pk", "item__order")
    )
    seen = set()
    for line in lines:
        sample = line.score.sample
        key = (sample.pk, line.item_id)
        if key in seen:  # two evaluators marked the same problem: one finding
            continue
        seen.add(key)
        findings.append(
            rectification.finding_raise(
                department=sample.department,
                problem=notes.note(
                    gettext_lazy("Case file %(number)s: %(note)s"),
                    number=sample.item.case_number,
                    note=line.note or line.item.name,
                ),
                standard=line.item.name,
                source=sample,
                source_label=campaign.title,
                actor=actor,
            )
        )
    if findings:
        rectification.findings_order(
            findings=findings,
            actor=actor,
            due_on=max(campaign.rectification_due, today + datetime.timedelta(days=1)),
        )
    return transition(
        campaign,
        actor=actor,
        action="publish",
        sources=(Status.SCORING,),
        target=Status.PUBLISHED,
        refusal=_("Only a campaign under evaluation can publish its results."),
        published_on=today,
        # The kernel's rule for contesting a published result: 5 working days.
        appeal_due=calendar.contest_due(today),
    )


# Appeals ------------------------------------------------------------------------------------------


@transaction.atomic
def appeal_file(*, sample: SampleFile, actor, text: str) -> Appeal:
    """A department contests a file's score within 5 working days of the publication."""
    sample = _lock_sample(sample)
    if not (actor.is_clerk and actor.department_id == sample.department_id):
        raise PermissionDenied(_("The department's clerk contests its own files' scores."))
    campaign = sample.campaign
    if campaign.status not in (Status.PUBLISHED, Status.REPORTED):
        raise TransitionNotAllowed(_("Scores are contested after they are published."))
    if calendar.today() > campaign.appeal_due:
        raise TransitionNotAllowed(
            _("The time to contest a score ended on %(day)s.")
            % {"day": long_date(campaign.appeal_due)}
        )
    if Appeal.objects.filter(sample=sample).exists():
        raise TransitionNotAllowed(_("This file's score has already been contested."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Give the grounds.")})
    appeal = Appeal(sample=sample, text=text, filed_by=actor, filed_on=calendar.today())
    return save_new(appeal, actor=actor, action="appeal")


@transaction.atomic
def appeal_decide(*, appeal: Appeal, actor, decision: str, reasons: str, score=None) -> Appeal:
    """The group's lead decides an appeal, with reasons: the score upheld or changed."""
    appeal = (
        Appeal.objects.select_for_update()
        .select_related("sample__campaign__template")
        .get(pk=appeal.pk)
    )
    sample = appeal.sample
    _require_lead(actor, sample.campaign)
    reasons = require_reason(reasons)
    if decision not in (Appeal.Decision.UPHELD, Appeal.Decision.CHANGED):
        raise ValidationError({"decision": _("Uphold or change the score.")})
    if decision == Appeal.Decision.CHANGED:
        new_score = _decimal(score, "score")
        if not Decimal(0) <= new_score <= Decimal(100):
            raise ValidationError({"score": _("A score is between 0 and 100.")})
        sample = _lock_sample(sample)
        before = audit.snapshot(sample)
        sample.final_score = new_score
        sample.grade = sample.campaign.template.grade(new_score, sample.vetoed)
        sample.save(update_fields=["final_score", "grade"])
        audit.record(
            sample,
            action="change",
            actor=actor,
            before=before,
            after=audit.snapshot(sample),
            reason=reasons,
        )
    return transition(
        appeal,
        actor=actor,
        action="decide_appeal",
        sources=("",),
        target=decision,
        refusal=_("This appeal has already been decided."),
        reason=reasons,
        state_field="decision",
        reasons=reasons,
        decided_by=actor,
        decided_on=calendar.today(),
    )


# Results and the report -------------------------------------------------------------------------


def results(campaign: Campaign) -> list[dict]:
    """Per department: files evaluated, average score, grade counts, deductions by item."""
    samples = SampleFile.objects.filter(campaign=campaign, dropped=False)
    per_department = {
        row["department"]: row
        for row in samples.values("department")
        .annotate(files=Count("pk"), average=Avg("final_score"))
        .order_by()
    }
    grades = defaultdict(Counter)
    for department_id, grade in samples.values_list("department", "grade"):
        grades[department_id][grade] += 1
    problems = defaultdict(Counter)
    for department_id, item_name in ScoreLine.objects.filter(
        score__sample__in=samples, deduction__gt=0
    ).values_list("score__sample__department", "item__name"):
        problems[department_id][item_name] += 1
    departments = Department.objects.filter(
        pk__in=campaign.participants.values("department")
    ).order_by("code")
    out = []
    for department in departments:
        row = per_department.get(department.pk, {"files": 0, "average": None})
        average = row["average"]
        out.append(
            {
                "department": department,
                "files": row["files"],
                "average": Decimal(average).quantize(Decimal("0.1"))
                if average is not None
                else None,
                "grades": [(g, grades[department.pk][g.value]) for g in Grade],
                "problems": problems[department.pk].most_common(3),
            }
        )
    return out


def report_body(campaign: Campaign) -> str:
    lines = [
        _(
            "In accordance with the policy on strengthening enforcement supervision, the legal office"
            " and the invited supervisors evaluated the %(year)d case files of %(count)d departments."
            " The results are as follows."
        )
        % {"year": campaign.year, "count": campaign.participants.count()}
    ]
    for n, row in enumerate(results(campaign), start=1):
        grades = "，".join(
            f"{label}{count}件" for label, count in ((g.label, c) for g, c in row["grades"])
        )
        problems = "、".join(
            _("%(item)s (%(count)d files)") % {"item": name, "count": count}
            for name, count in row["problems"]
        ) or _("none")
        lines.append(
            _(
                "%(n)d. %(department)s: %(files)d files evaluated, average score %(average)s;"
                " %(grades)s. Typical problems: %(problems)s."
            )
            % {
                "n": n,
                "department": row["department"].name,
                "files": row["files"],
                "average": row["average"] if row["average"] is not None else "—",
                "grades": grades,
                "problems": problems,
            }
        )
    lines.append(
        _(
            "The departments are to rectify the problems found by %(due)s and report the"
            " rectification to the legal office; the evaluation group will check again by %(follow_up)s."
        )
        % {
            "due": long_date(campaign.rectification_due),
            "follow_up": long_date(campaign.follow_up_due),
        }
    )
    return "\n".join(lines)


@transaction.atomic
def campaign_report(*, campaign: Campaign, actor) -> Campaign:
    """The campaign report (评查通报) to the government, as a numbered notice of the office."""
    campaign = _lock(campaign)
    _require_office(actor, campaign)
    if campaign.status != Status.PUBLISHED:
        raise TransitionNotAllowed(_("The report is issued once the results are published."))
    draft = NoticeDraft(
        kind=Notice.Kind.BULLETIN,
        department_id=None,
        office_id=campaign.office_id,
        addressee_jurisdiction_id=campaign.office_id,
        subject=_("Bulletin on the evaluation of %(year)d administrative enforcement case files")
        % {"year": campaign.year},
        body=report_body(campaign),
        # The rectification date is in the body; the notice is no deadline of its own.
        object_key=f"evaluation_report:{campaign.pk}",
    )
    (notice,) = notices.issue([draft], rule="evaluation_report", actor=actor)
    return transition(
        campaign,
        actor=actor,
        action="issue",
        sources=(Status.PUBLISHED,),
        target=Status.REPORTED,
        refusal=_("The report is issued once the results are published."),
        report_notice=notice,
    )
