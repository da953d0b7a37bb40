from django import forms
from django.utils.translation import gettext_lazy as _

from supervision.models import Department

from .models import EnforcementEntity, Entrustment


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DepartmentChoiceMixin:
    """On a new record the legal office names the department; a clerk's is always their own."""

    def add_department_choice(self, user, *, creating: bool):
        if creating and user.sees_all_departments:
            self.fields = {
                "department": forms.ModelChoiceField(
                    label=_("department"),
                    queryset=Department.objects.filter(is_legal_office=False),
                ),
                **self.fields,
            }


class EnforcementEntityForm(DepartmentChoiceMixin, forms.ModelForm):
    class Meta:
        model = EnforcementEntity
        fields = ["name", "kind", "legal_basis", "enforcement_areas", "establishment_document"]
        widgets = {
            "legal_basis": forms.Textarea(attrs={"rows": 4}),
            "enforcement_areas": forms.Textarea(attrs={"rows": 3}),
            "establishment_document": forms.FileInput(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_department_choice(user, creating=self.instance.pk is None)

    def validate_unique(self):
        """The service checks the name with the department it decides on."""


class EntrustmentForm(forms.ModelForm):
    class Meta:
        model = Entrustment
        fields = [
            "principal",
            "entrusted_organisation",
            "matters",
            "legal_basis",
            "starts_on",
            "ends_on",
            "agreement_file",
        ]
        widgets = {
            "matters": forms.Textarea(attrs={"rows": 4}),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "agreement_file": forms.FileInput(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["principal"].queryset = EnforcementEntity.objects.for_user(user)
        else:
            del self.fields["principal"]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))
