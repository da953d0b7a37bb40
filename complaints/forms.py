from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from supervision.models import Department, Jurisdiction
from supervision.web.forms import DateInput, MultipleFileField

from .deadlines import extension_max_days
from .models import DOCUMENT_TYPES, EVIDENCE_TYPES, Complaint, ComplaintAttachment


def enforcement_departments():
    return Department.objects.filter(is_legal_office=False).select_related("jurisdiction")


class _FactsForm(forms.Form):
    """What the complaint is about: the same questions on the public form and the office's."""

    officer_name = forms.CharField(
        label=_("Officer's name"),
        max_length=50,
        required=False,
        help_text=_("If you know who it was."),
    )
    officer_certificate = forms.CharField(
        label=_("Officer's certificate number"), max_length=30, required=False
    )
    place = forms.CharField(label=_("Where it happened"), max_length=200, required=False)
    happened_on = forms.DateField(label=_("When it happened"), required=False, widget=DateInput)
    facts = forms.CharField(
        label=_("What happened"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    request = forms.CharField(
        label=_("What you ask for"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    anonymous = forms.BooleanField(
        label=_("File anonymously (no name and telephone; you follow it only by its code)"),
        required=False,
    )
    name = forms.CharField(label=_("Your name"), max_length=50, required=False)
    phone = forms.CharField(
        label=_("Telephone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    contact = forms.CharField(
        label=_("Address or e-mail for a written reply"), max_length=200, required=False
    )


class PublicComplaintForm(_FactsForm):
    """The public form: the jurisdiction (the city or a county), then one of its departments."""

    jurisdiction = forms.ModelChoiceField(
        label=_("Government level"),
        queryset=Jurisdiction.objects.all(),
        empty_label=None,
        help_text=_("The city, or the county or district whose department it is."),
    )
    department = forms.ModelChoiceField(
        label=_("Department complained about"), queryset=enforcement_departments()
    )
    files = MultipleFileField(
        label=_("Photos or documents"),
        required=False,
        types=EVIDENCE_TYPES,
        help_text=_("Up to 5 files: JPEG or PNG photos, PDF documents."),
    )

    field_order = ["jurisdiction", "department"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        jurisdiction = self._chosen_jurisdiction()
        self.fields["jurisdiction"].queryset = Jurisdiction.objects.order_by("path")
        self.fields["jurisdiction"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("public-complaints:departments"),
                "hx-target": "#id_department",
                "hx-trigger": "change",
            }
        )
        if jurisdiction is not None:
            self.fields["department"].queryset = enforcement_departments().filter(
                jurisdiction=jurisdiction
            )
        # Without a chosen level every department is offered, labelled with its level.
        self.fields["department"].label_from_instance = lambda d: d.name

    def _chosen_jurisdiction(self):
        key = self.data.get("jurisdiction") if self.is_bound else self.initial.get("jurisdiction")
        if key is None:
            return Jurisdiction.objects.root()
        try:
            return Jurisdiction.objects.filter(pk=int(str(key))).first()
        except ValueError:
            return None

    def clean(self):
        cleaned = super().clean()
        jurisdiction, department = cleaned.get("jurisdiction"), cleaned.get("department")
        if jurisdiction and department and department.jurisdiction_id != jurisdiction.pk:
            self.add_error(
                "department", _("Choose a department of the government level chosen above.")
            )
        cleaned.pop("jurisdiction", None)
        return cleaned


class RegisterForm(_FactsForm):
    """The legal office registers a complaint received by another channel."""

    department = forms.ModelChoiceField(label=_("Department complained about"), queryset=None)
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[c for c in Complaint.Channel.choices if c[0] != Complaint.Channel.ONLINE],
    )
    received_on = forms.DateField(label=_("Received on"), widget=DateInput)
    work_order = forms.CharField(
        label=_("Work order or letter number"), max_length=60, required=False
    )
    is_petition = forms.BooleanField(
        label=_("Registered as a petition (信访): 15 days to accept, 60 to conclude"),
        required=False,
    )
    original = forms.FileField(
        label=_("Original letter or work order"),
        required=False,
        help_text=_("Required for a letter or a 12345 work order."),
    )
    files = MultipleFileField(label=_("Other documents"), required=False, types=DOCUMENT_TYPES)

    field_order = ["department", "channel", "received_on", "work_order", "is_petition"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.handled_by(user).filter(
            is_legal_office=False
        )
        self.fields["anonymous"].label = _("Anonymous (the complainant gave no name)")
        self.fields["name"].label = _("Complainant's name")
        self.fields["request"].label = _("What the complainant asks for")


class AcceptForm(forms.Form):
    assign = forms.BooleanField(
        label=_("Assign it to the department for investigation and an answer"),
        required=False,
        initial=True,
    )


class ReferForm(forms.Form):
    referred_to = forms.CharField(label=_("Referred to"), max_length=200)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Extend by (days)"), min_value=1, max_value=366)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        if complaint is not None:
            limit = extension_max_days(is_petition=complaint.is_petition)
            self.fields["days"].max_value = limit
            self.fields["days"].widget.attrs["max"] = limit
            self.fields["days"].help_text = _("At most %(limit)d days, once.") % {"limit": limit}


class AnswerForm(forms.Form):
    investigation = forms.CharField(
        label=_("Investigation"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Complaint.Outcome.choices, widget=forms.RadioSelect
    )
    answer = forms.CharField(
        label=_("Answer to the complainant"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Published to the complainant once the legal office approves it."),
    )
    files = MultipleFileField(label=_("Evidence"), required=False, types=DOCUMENT_TYPES)


class AttachForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ComplaintAttachment.Kind.choices)
    upload = forms.FileField(label=_("file"))
