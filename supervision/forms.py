from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from .bulletins import copy_to_choices
from .calendar import today
from .models import (
    AssessmentContest,
    Department,
    DocumentDraft,
    Jurisdiction,
    Notice,
    NoticeReply,
)


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username or password is not correct. Please try again."),
    }


class NoticeReplyForm(forms.ModelForm):
    class Meta:
        model = NoticeReply
        fields = ["text", "attachment"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class BulletinForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    replaces = forms.ModelChoiceField(
        label=_("Replaces"),
        queryset=Notice.objects.filter(voided_at__isnull=False),
        required=False,
        help_text=_("A voided document this one corrects."),
    )
    to_jurisdiction = forms.ModelChoiceField(
        label=_("Addressed to"),
        queryset=Jurisdiction.objects.none(),
        required=False,
        empty_label=_("All departments of this level"),
        help_text=_("Or the people's government of a jurisdiction below, on its overdue work."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        below = Jurisdiction.objects.below(user.jurisdiction).exclude(pk=user.jurisdiction_id)
        if below.exists():
            self.fields["to_jurisdiction"].queryset = below
        else:
            del self.fields["to_jurisdiction"]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end of the period is before its start."))
        return data


class ScheduleForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    source = forms.CharField(label=_("Source document"), max_length=200, required=False)
    days = forms.CharField(
        label=_("Days"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 12, "placeholder": "2027-10-01,休,国庆节\n2027-09-26,班,调休上班"}
        ),
        help_text=_(
            "One day per line: date, 休 (holiday on a weekday) or 班 (working weekend day), name."
        ),
    )
    file = forms.FileField(
        label=_("Or import a file"),
        required=False,
        help_text=_("A .csv or .txt file in the same format, UTF-8."),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > 100_000:
                self.add_error("file", _("The file is too large for a holiday schedule."))
                return data
            try:
                data["days"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", _("The file is not UTF-8 text."))
        elif not data.get("days", "").strip() and "days" not in self.errors:
            self.add_error("days", _("Type the days or choose a file."))
        return data


def default_bulletin_period():
    day = today()
    return {"start": day.replace(day=1), "end": day}


class OwnPasswordChangeForm(PasswordChangeForm):
    """A user changing their own password: it no longer needs changing."""

    def set_password_and_save(self, user, *args, **kwargs):
        user.must_change_password = False
        return super().set_password_and_save(user, *args, **kwargs)


class AdminSetPasswordMixin:
    """A password the administrator sets is changed by its user at the first login."""

    def set_password_and_save(self, user, *args, **kwargs):
        user.must_change_password = True
        return super().set_password_and_save(user, *args, **kwargs)


class AdminUserCreationForm(AdminSetPasswordMixin, auth_forms.AdminUserCreationForm):
    pass


class AdminPasswordChangeForm(AdminSetPasswordMixin, auth_forms.AdminPasswordChangeForm):
    pass


class CriticismForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department criticised"), queryset=Department.objects.none()
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}))
    items = forms.CharField(
        label=_("Items referred to"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One a line: a decision, a notice number, a finding."),
    )
    replaces = forms.ModelChoiceField(
        label=_("Replaces"),
        queryset=Notice.objects.filter(voided_at__isnull=False),
        required=False,
        help_text=_("A voided document this one corrects."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The office criticises the departments of its own jurisdiction.
        self.fields["department"].queryset = (
            Department.objects.handled_by(user).filter(is_legal_office=False).order_by("code")
        )


class DocumentDraftForm(forms.ModelForm):
    class Meta:
        model = DocumentDraft
        fields = ["subject", "opening", "closing", "copy_to_departments"]
        widgets = {
            "opening": forms.Textarea(attrs={"rows": 4}),
            "closing": forms.Textarea(attrs={"rows": 3}),
            "copy_to_departments": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "copy_to_departments": _(
                "抄送: they receive the document for information, named in its 版记, and owe no"
                " answer."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_to_departments"].queryset = copy_to_choices(self.instance)

    def _post_clean(self):
        """The service validates the draft."""


class AssessmentAdjustmentForm(forms.Form):
    """A manual item of an assessment sheet: its points and the reasons."""

    points = forms.DecimalField(
        label=_("points"),
        max_digits=4,
        decimal_places=1,
        help_text=_("Negative to deduct, positive to add, e.g. -2 or 1.5."),
    )
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AssessmentIndicatorsForm(forms.Form):
    """The year's template of indicators: for each registered rule, what it is worth, what an item
    costs (where the rule counts items at a price) and how the points are counted, in words."""

    def __init__(self, *args, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = rules
        for rule in rules:
            self.fields[f"{rule.name}__max_points"] = forms.DecimalField(
                label=_("%(indicator)s: points") % {"indicator": rule.label},
                min_value=0,
                max_value=100,
                max_digits=4,
                decimal_places=1,
                initial=rule.max_points,
            )
            if rule.uses_per_item:
                self.fields[f"{rule.name}__per_item"] = forms.DecimalField(
                    label=_("%(indicator)s: points per item") % {"indicator": rule.label},
                    min_value=0,
                    max_value=100,
                    max_digits=4,
                    decimal_places=1,
                    initial=rule.per_item,
                )
            self.fields[f"{rule.name}__basis"] = forms.CharField(
                label=_("%(indicator)s: how the points are counted") % {"indicator": rule.label},
                max_length=300,
                required=False,
                initial=str(rule.basis),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def values(self) -> dict:
        """{rule name: {"max_points", "per_item", "basis"}} from the cleaned data."""
        result = {}
        for rule in self.rules:
            values = {
                "max_points": self.cleaned_data[f"{rule.name}__max_points"],
                "basis": self.cleaned_data[f"{rule.name}__basis"],
            }
            if rule.uses_per_item:
                values["per_item"] = self.cleaned_data[f"{rule.name}__per_item"]
            result[rule.name] = values
        return result


class AssessmentContestForm(forms.Form):
    """A department contests an item of its published draft sheet, with grounds."""

    item = forms.ChoiceField(label=_("item contested"))
    grounds = forms.CharField(label=_("grounds"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(item, item) for item in items]


class AssessmentContestDecisionForm(forms.Form):
    """The legal office decides a contest: upheld (with the points restored) or rejected."""

    decision = forms.ChoiceField(
        label=AssessmentContest.DECISION_LABEL,
        choices=[("upheld", _("Upheld: points restored")), ("rejected", _("Rejected"))],
        widget=forms.RadioSelect,
    )
    points = forms.DecimalField(
        label=_("points restored"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=4,
        decimal_places=1,
        help_text=_("Only when the contest is upheld."),
    )
    reasons = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 3}))
