from django import forms
from django.utils.translation import gettext_lazy as _

from supervision.models import Department, User
from supervision.uploads import ATTACHMENTS
from supervision.web.forms import DateInput, MultipleFileField

from .models import Activity, SupervisorProfile


class ProfileForm(forms.ModelForm):
    contact_departments = forms.ModelMultipleChoiceField(
        label=_("fixed-point contact departments"),
        queryset=Department.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = SupervisorProfile
        fields = [
            "appointed_from",
            "appointed_to",
            "contact_fields",
            "employer",
            "phone",
            "address",
        ]
        widgets = {"appointed_from": DateInput(), "appointed_to": DateInput()}

    def __init__(self, *args, user, supervisor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_departments"].queryset = Department.objects.handled_by(user).filter(
            is_legal_office=False
        )
        if supervisor is not None:
            self.fields["contact_departments"].initial = list(
                supervisor.contact_departments.values_list("pk", flat=True)
            )

    def _post_clean(self):
        # The service validates the profile; the form only reads the values.
        pass


class AppointForm(ProfileForm):
    """The first profile of a supervisor's account: which account, then the profile."""

    supervisor = forms.ModelChoiceField(label=_("supervisor"), queryset=User.objects.none())

    field_order = ["supervisor"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, supervisor=None, **kwargs)
        self.fields["supervisor"].queryset = User.objects.filter(
            role=User.Role.SUPERVISOR,
            jurisdiction=user.jurisdiction_id,
            supervisor_profile__isnull=True,
        ).order_by("username")
        self.order_fields(["supervisor"])


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["held_on", "department", "kind", "observations"]
        widgets = {"held_on": DateInput(), "observations": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = user.contact_departments.order_by("code")

    def _post_clean(self):
        pass


class ReportTextForm(forms.Form):
    text = forms.CharField(
        label=_("written report"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        required=False,
    )


class AttachForm(forms.Form):
    files = MultipleFileField(label=_("attachments"), types=ATTACHMENTS)


class ProblemForm(forms.Form):
    department = forms.ModelChoiceField(label=_("department"), queryset=Department.objects.none())
    description = forms.CharField(
        label=_("problem"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_supervisor:
            self.fields["department"].queryset = user.contact_departments.order_by("code")
        else:
            self.fields["department"].queryset = Department.objects.all()


class EmptyForm(forms.Form):
    pass


class FindingForm(forms.Form):
    due_on = forms.DateField(
        label=_("rectification due"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for 30 days."),
    )
    standard = forms.CharField(label=_("provision or standard"), max_length=300, required=False)


class CompileForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("quarter"), choices=[(q, q) for q in (1, 2, 3, 4)], coerce=int
    )
