from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from supervision import uploads
from supervision.web.forms import DateInput, DepartmentChoiceMixin

from .models import (
    ATTACHMENT_EXTENSIONS,
    FIRST_CATALOGUE_YEAR,
    CatalogueItem,
    DecisionAttachment,
    MajorDecision,
    MajorDecisionCategory,
)

ACCEPTED_ATTACHMENTS = ",".join(f".{ext}" for ext in ATTACHMENT_EXTENSIONS)
ACCEPTED_SIGNED_PAPERS = ",".join(f".{ext}" for ext in uploads.SIGNED_PAPERS)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_ATTACHMENTS}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class CategoryForm(DepartmentChoiceMixin, forms.ModelForm):
    class Meta:
        model = MajorDecisionCategory
        fields = ["title", "criteria", "is_active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_department_choice(user, creating=self.instance.pk is None)

    def _post_clean(self):
        """The service validates the model, with the department it decides on."""


class DecisionForm(DepartmentChoiceMixin, forms.ModelForm):
    files = MultipleFileField(label=_("Attachments"), required=False)

    class Meta:
        model = MajorDecision
        fields = ["case_number", "title", "party", "category", "summary"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        creating = self.instance.pk is None
        self.add_department_choice(user, creating=creating)
        categories = MajorDecisionCategory.objects.for_user(user).select_related("department")
        if not creating:
            categories = categories.filter(department_id=self.instance.department_id)
        # A category no longer in use stays selectable for the decision that already has it.
        self.fields["category"].queryset = categories.filter(
            Q(is_active=True) | Q(pk=self.instance.category_id or 0)
        )
        if "department" in self.fields:
            self.fields["category"].label_from_instance = lambda c: f"{c.department} · {c.title}"

    def _post_clean(self):
        """The service validates the model, with the department it decides on."""


class ReviewForm(forms.Form):
    result = forms.ChoiceField(
        label=pgettext_lazy("legal review", "Result"),
        choices=[
            (MajorDecision.ReviewStatus.PASSED, _("Passed")),
            (MajorDecision.ReviewStatus.FAILED, _("Failed")),
        ],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label=_("review opinion"), widget=forms.Textarea, required=False)
    reviewed_on = forms.DateField(
        label=_("reviewed on"),
        required=False,
        widget=DateInput,
        help_text=_("For a review held on paper: the day it was held. Leave empty for today."),
    )


class DecideForm(forms.Form):
    decision_date = forms.DateField(label=_("decision date"), widget=DateInput)


class FileForm(forms.Form):
    filed_on = forms.DateField(
        label=_("filed on"),
        required=False,
        widget=DateInput,
        help_text=_(
            "A filing is dated the day it reaches the portal; only the legal office records an"
            " earlier day, for a filing made on paper. Leave empty for today."
        ),
    )


class CatalogueFileForm(FileForm):
    """Filing a catalogue carries the catalogue as signed and sealed; the filing date is asked
    of the legal office only (a clerk's filing is dated today)."""

    document = forms.FileField(
        label=_("signed catalogue"),
        help_text=_("The catalogue signed and sealed by the department: a PDF or a scan."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_SIGNED_PAPERS}),
    )
    field_order = ["document", "filed_on"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        clerk = user is not None and not user.supervises_departments
        # A clerk's form has no date: shown again with its errors, it still has none.
        if clerk or (self.is_bound and "filed_on" not in self.data):
            del self.fields["filed_on"]


class AttachmentForm(forms.Form):
    """A document for the decision; one posted without its kind counts as "other"."""

    kind = forms.ChoiceField(
        label=_("document"),
        choices=DecisionAttachment.Kind.choices,
        initial=DecisionAttachment.Kind.DECISION,
        required=False,
    )
    upload = forms.FileField(
        label=_("file"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_ATTACHMENTS})
    )

    def clean_kind(self):
        return self.cleaned_data["kind"] or DecisionAttachment.Kind.OTHER


class CatalogueOpenForm(DepartmentChoiceMixin, forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=FIRST_CATALOGUE_YEAR, max_value=9999)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_department_choice(user, creating=True)


class CatalogueItemForm(forms.ModelForm):
    class Meta:
        model = CatalogueItem
        fields = ["case_number", "title", "kind", "closing_date"]
        widgets = {"closing_date": DateInput}

    def _post_clean(self):
        """The service checks each case file against the catalogue."""


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
