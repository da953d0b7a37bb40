from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from supervision.models import Department

from .models import (
    ATTACHMENT_EXTENSIONS,
    CatalogueItem,
    MajorDecision,
    MajorDecisionCategory,
)


def add_service_errors(form: forms.Form, error: ValidationError, aliases=None) -> None:
    """Show a service's ``ValidationError`` on the form: by field where the form has it.

    ``aliases`` maps a model's field name to the form's, e.g. an attachment's ``file`` to the
    decision form's ``files``.
    """
    aliases = aliases or {}
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            field = aliases.get(field, field)
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": _accept()}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def _accept() -> str:
    return ",".join(f".{ext}" for ext in ATTACHMENT_EXTENSIONS)


def enforcement_departments():
    return Department.objects.filter(is_legal_office=False)


class CategoryForm(forms.ModelForm):
    department = forms.ModelChoiceField(
        label=_("department"), queryset=Department.objects.none(), required=True
    )

    class Meta:
        model = MajorDecisionCategory
        fields = ["department", "title", "criteria", "is_active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the legal office names the department, and only when creating.
        if user.sees_all_departments and not self.instance.pk:
            self.fields["department"].queryset = enforcement_departments()
        else:
            del self.fields["department"]

    def _post_clean(self):
        # The service validates the model; the form only converts the input.
        pass


class DecisionForm(forms.ModelForm):
    department = forms.ModelChoiceField(
        label=_("department"), queryset=Department.objects.none(), required=True
    )
    files = MultipleFileField(label=_("Attachments"), required=False)

    class Meta:
        model = MajorDecision
        fields = ["department", "case_number", "title", "party", "category", "summary"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        categories = MajorDecisionCategory.objects.for_user(user).select_related("department")
        if self.instance.pk:
            categories = categories.filter(department_id=self.instance.department_id)
        # A category no longer in use stays selectable for the decision that already has it.
        self.fields["category"].queryset = categories.filter(
            Q(is_active=True) | Q(pk=self.instance.category_id or 0)
        )
        if user.sees_all_departments and not self.instance.pk:
            self.fields["department"].queryset = enforcement_departments()
            self.fields["category"].label_from_instance = lambda c: f"{c.department} · {c.title}"
        else:
            del self.fields["department"]

    def _post_clean(self):
        pass


class ReviewForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[
            (MajorDecision.ReviewStatus.PASSED, _("Passed")),
            (MajorDecision.ReviewStatus.FAILED, _("Failed")),
        ],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label=_("review opinion"), widget=forms.Textarea, required=False)


class DecideForm(forms.Form):
    decision_date = forms.DateField(label=_("decision date"), widget=DateInput)


class FileForm(forms.Form):
    filed_on = forms.DateField(
        label=_("filed on"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty for today."),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("file"), widget=forms.ClearableFileInput(attrs={"accept": _accept()})
    )


class CatalogueOpenForm(forms.Form):
    department = forms.ModelChoiceField(label=_("department"), queryset=Department.objects.none())
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=9999)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.sees_all_departments:
            self.fields["department"].queryset = enforcement_departments()
        else:
            del self.fields["department"]


class CatalogueItemForm(forms.ModelForm):
    class Meta:
        model = CatalogueItem
        fields = ["case_number", "title", "kind", "closing_date"]
        widgets = {"closing_date": DateInput}

    def _post_clean(self):
        pass


class CatalogueUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Sheet (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    replace = forms.BooleanField(label=_("Replace the case files already entered"), required=False)
