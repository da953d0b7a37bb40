import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entities.models import EnforcementEntity
from supervision.models import Department
from supervision.web.forms import DateInput, DepartmentChoiceMixin

from .models import (
    AnnualReview,
    AuxiliaryStaff,
    Certificate,
    ConductCategory,
    ConductRecord,
    Officer,
)


class CitizenIdKeptMixin:
    """An edit form never carries the whole citizen ID number: it is shown in full only on the
    person's page, on demand, and every showing is audited (``services.citizen_id_show``). The
    field shows the masked number and is empty; left empty, the stored number is kept; a number
    typed in is validated as on registration and replaces it."""

    def keep_citizen_id(self):
        if self.instance.pk is None:
            return
        field = self.fields["citizen_id"]
        field.required = False
        self.initial["citizen_id"] = ""
        masked = self.instance.masked_citizen_id
        field.widget.attrs["placeholder"] = masked
        field.help_text = _(
            "Stored as %(masked)s. Leave it empty to keep it, or type the whole new number."
        ) % {"masked": masked}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and not cleaned.get("citizen_id"):
            # Not typed in: the service is not asked to change it.
            cleaned.pop("citizen_id", None)
        return cleaned


class OfficerForm(CitizenIdKeptMixin, DepartmentChoiceMixin, forms.ModelForm):
    class Meta:
        model = Officer
        fields = ["name", "citizen_id", "entity", "post", "on_establishment", "photo"]
        widgets = {"photo": forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_department_choice(user, creating=self.instance.pk is None)
        entities = EnforcementEntity.objects.for_user(user)
        if self.instance.pk is not None:
            entities = entities.filter(department=self.instance.department_id)
        self.fields["entity"].queryset = entities
        self.fields["entity"].label_from_instance = lambda e: f"{e.name}（{e.department.name}）"
        self.keep_citizen_id()

    def _post_clean(self):
        """The model's checks run in the service, which knows the department."""

    def validate_unique(self):
        pass


class AuxiliaryStaffForm(CitizenIdKeptMixin, DepartmentChoiceMixin, forms.ModelForm):
    class Meta:
        model = AuxiliaryStaff
        fields = ["name", "citizen_id", "duties", "contract_starts_on", "contract_ends_on"]
        widgets = {
            "duties": forms.Textarea(attrs={"rows": 3}),
            "contract_starts_on": DateInput(),
            "contract_ends_on": DateInput(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_department_choice(user, creating=self.instance.pk is None)
        self.keep_citizen_id()

    def _post_clean(self):
        """The model's checks run in the service, which knows the department."""


# What the issue form suggests as the term; the legal office may set any expiry after the issue.
CERTIFICATE_TERM_SUGGESTED = datetime.timedelta(days=5 * 365)


class CertificateIssueForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Certificate.Kind.choices)
    issued_on = forms.DateField(label=pgettext_lazy("certificate", "issued on"), widget=DateInput())
    expires_on = forms.DateField(label=_("expires on"), widget=DateInput())
    number = forms.CharField(
        label=_("certificate number"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to take the next number in sequence."),
    )

    def __init__(self, *args, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault(
            "initial", {"issued_on": today, "expires_on": today + CERTIFICATE_TERM_SUGGESTED}
        )
        super().__init__(*args, **kwargs)


class ReviewForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    result = forms.ChoiceField(label=_("result"), choices=AnnualReview.Result.choices)
    reviewed_on = forms.DateField(label=_("reviewed on"), widget=DateInput(), required=False)
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)


class BulkReviewForm(ReviewForm):
    certificates = forms.ModelMultipleChoiceField(
        label=_("certificates"),
        queryset=Certificate.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, certificates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificates"].queryset = certificates


class ConductRecordForm(forms.ModelForm):
    class Meta:
        model = ConductRecord
        fields = ["occurred_on", "category", "source", "description", "evidence"]
        widgets = {
            "occurred_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.FileInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ConductCategory.objects.filter(is_active=True)

    def _post_clean(self):
        """The model's checks run in the service."""


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("roster (.xlsx)"),
        widget=forms.FileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.supervises_departments:
            self.fields = {
                "department": forms.ModelChoiceField(
                    label=_("department"),
                    queryset=Department.objects.handled_by(user).filter(is_legal_office=False),
                ),
                **self.fields,
            }
