from django import forms
from django.utils.translation import gettext_lazy as _

from supervision.models import Department, User
from supervision.web.forms import DateInput

from .deadlines import SCHEDULE
from .models import Appeal, Campaign

SCHEDULE_LABELS = {
    "self_check_due": _("self-check report due"),
    "evaluation_due": _("evaluation done by"),
    "report_due": _("report to the government by"),
    "rectification_due": _("rectification due"),
    "follow_up_due": _("follow-up check by"),
}


class ScheduleFields(forms.Form):
    def add_schedule(self, required=False):
        for field in SCHEDULE:
            self.fields[field] = forms.DateField(
                label=SCHEDULE_LABELS[field],
                widget=DateInput(),
                required=required,
                help_text=_(
                    "Empty: annex 1's default. A non-working day moves to the next working day."
                ),
            )


class CampaignForm(ScheduleFields):
    title = forms.CharField(label=_("title"), max_length=200, required=False)
    year = forms.IntegerField(label=_("year evaluated"), min_value=2000, max_value=2100)
    departments = forms.ModelMultipleChoiceField(
        label=_("departments"),
        queryset=Department.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    kinds = forms.MultipleChoiceField(
        label=_("kinds of case file"),
        choices=Campaign.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    members = forms.ModelMultipleChoiceField(
        label=_("evaluation group"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Legal-office staff and invited supervisors; you lead the group."),
    )
    sample_count = forms.IntegerField(
        label=_("files per department"), min_value=1, max_value=1000, required=False
    )
    sample_share = forms.IntegerField(
        label=_("share of files per department (%)"), min_value=1, max_value=100, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.handled_by(user).filter(
            is_legal_office=False
        )
        self.fields["members"].queryset = User.objects.filter(
            is_active=True,
            role__in=[User.Role.LEGAL_OFFICE, User.Role.SUPERVISOR],
            jurisdiction=user.jurisdiction_id,
        ).exclude(pk=user.pk)
        self.add_schedule()


class ScheduleForm(ScheduleFields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_schedule(required=True)


class SelfCheckForm(forms.Form):
    text = forms.CharField(label=_("self-check report"), widget=forms.Textarea(attrs={"rows": 5}))
    file = forms.FileField(label=_("self-check attachment"), required=False)


class AddFileForm(forms.Form):
    case_number = forms.CharField(label=_("case number"), max_length=60)
    department = forms.ModelChoiceField(label=_("department"), queryset=Department.objects.none())
    reason = forms.CharField(label=_("reason for adding"), max_length=300)

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        if campaign is not None:
            self.fields["department"].queryset = Department.objects.filter(
                pk__in=campaign.participants.values("department")
            )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reasons"), max_length=300)


class SettleForm(forms.Form):
    score = forms.DecimalField(label=_("final score"), min_value=0, max_value=100, decimal_places=1)
    vetoed = forms.BooleanField(label=_("veto item found"), required=False)
    reason = forms.CharField(label=_("reasons"), max_length=2000)


class AppealForm(forms.Form):
    text = forms.CharField(label=_("grounds"), widget=forms.Textarea(attrs={"rows": 3}))


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=Appeal.DECISION_LABEL, choices=[c for c in Appeal.Decision.choices if c[0]]
    )
    score = forms.DecimalField(
        label=_("new score"), min_value=0, max_value=100, decimal_places=1, required=False
    )
    reasons = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 2}))


class ScoringForm(forms.Form):
    """The whole sheet of one file in one form: per item a deduction, a note and whether it is
    a finding; per veto item whether it was found."""

    def __init__(self, *args, items, score=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {line.item_id: line for line in score.lines.all()} if score else {}
        self.rows = []
        for item in items:
            line = existing.get(item.pk)
            if item.is_veto:
                self.fields[f"veto_{item.pk}"] = forms.BooleanField(
                    label=item.name, required=False, initial=line is not None
                )
            else:
                self.fields[f"item_{item.pk}"] = forms.DecimalField(
                    label=item.name,
                    min_value=0,
                    max_value=item.points,
                    decimal_places=1,
                    required=False,
                    initial=line.deduction if line else 0,
                )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("note"), max_length=500, required=False, initial=line.note if line else ""
            )
            self.fields[f"finding_{item.pk}"] = forms.BooleanField(
                label=_("raise a finding"),
                required=False,
                initial=line.raise_finding if line else False,
            )
            self.rows.append(
                (
                    item,
                    self[f"veto_{item.pk}" if item.is_veto else f"item_{item.pk}"],
                    self[f"note_{item.pk}"],
                    self[f"finding_{item.pk}"],
                )
            )
        self.items = items

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        lines, vetoes = {}, []
        for item in self.items:
            lines[item.pk] = {
                "deduction": data.get(f"item_{item.pk}") or 0,
                "note": data.get(f"note_{item.pk}", ""),
                "raise_finding": data.get(f"finding_{item.pk}", False),
            }
            if item.is_veto and data.get(f"veto_{item.pk}"):
                vetoes.append(item.pk)
        return {"lines": lines, "vetoes": vetoes}
