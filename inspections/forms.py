from django import forms
from django.utils.translation import gettext_lazy as _

from supervision.models import Department, User
from supervision.web.forms import DateInput

from .models import Inspection


def team_choices(user):
    """Legal-office staff and invited supervisors of the office's own jurisdiction."""
    return User.objects.filter(
        is_active=True,
        role__in=[User.Role.LEGAL_OFFICE, User.Role.SUPERVISOR],
        jurisdiction=user.jurisdiction_id,
    ).order_by("role", "username")


class InspectionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    field = forms.ChoiceField(label=_("field"), choices=Inspection.Field.choices)
    departments = forms.ModelMultipleChoiceField(
        label=_("departments inspected"),
        queryset=Department.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    methods = forms.MultipleChoiceField(
        label=_("methods"),
        choices=Inspection.Method.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    start_on = forms.DateField(label=_("start date"), widget=DateInput())
    end_on = forms.DateField(label=_("end date"), widget=DateInput())
    team = forms.ModelMultipleChoiceField(
        label=_("inspection team"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Legal-office staff and invited supervisors."),
    )
    scope = forms.CharField(
        label=_("what was examined"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    rectification_due = forms.DateField(
        label=_("rectification due"),
        widget=DateInput(),
        required=False,
        help_text=_("The date findings are to be rectified by, unless a finding names its own."),
    )

    def __init__(self, *args, user, inspection=None, **kwargs):
        if inspection is not None and not kwargs.get("data") and not (args and args[0]):
            kwargs["initial"] = {
                "title": inspection.title,
                "field": inspection.field,
                "departments": list(inspection.departments.all()),
                "methods": inspection.methods,
                "start_on": inspection.start_on,
                "end_on": inspection.end_on,
                "team": list(inspection.team.all()),
                "scope": inspection.scope,
                "rectification_due": inspection.rectification_due,
            }
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.handled_by(user).filter(
            is_legal_office=False
        )
        self.fields["team"].queryset = team_choices(user)
        if inspection is not None and inspection.status != Inspection.Status.DRAFT:
            self.fields["departments"].disabled = True


class FindingForm(forms.Form):
    department = forms.ModelChoiceField(label=_("department"), queryset=Department.objects.none())
    problem = forms.CharField(
        label=_("problem found"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    standard = forms.CharField(label=_("clause or standard"), max_length=300, required=False)
    due_on = forms.DateField(
        label=_("rectification due"),
        widget=DateInput(),
        required=False,
        help_text=_("Empty: the inspection's rectification date."),
    )

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = inspection.departments.order_by("code")
        if inspection.rectification_due:
            self.fields["due_on"].initial = inspection.rectification_due


class EmptyForm(forms.Form):
    pass
