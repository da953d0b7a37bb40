from django import forms

from supervision.web.forms import DateInput, DepartmentChoiceMixin

from .models import EnforcementEntity, Entrustment


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
            "entrusted_entity",
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
        self.fields["entrusted_entity"].queryset = EnforcementEntity.objects.for_user(user).filter(
            kind=EnforcementEntity.Kind.ENTRUSTED
        )
        if self.instance.pk is None:
            self.fields["principal"].queryset = EnforcementEntity.objects.for_user(user)
        else:
            del self.fields["principal"]
