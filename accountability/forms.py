from django import forms
from django.utils.translation import gettext_lazy as _

from personnel.models import Certificate, Officer
from supervision.models import Department
from supervision.web.forms import DateInput, DepartmentChoiceMixin

from . import grounds
from .models import AccountabilityAction, CriminalTransfer, Dispute, InterferenceRecord


class ActionForm(forms.Form):
    """The legal office decides an action for one of its own jurisdiction's departments."""

    department = forms.ModelChoiceField(label=_("department"), queryset=Department.objects.none())
    kind = forms.ChoiceField(label=_("kind of action"), choices=AccountabilityAction.Kind.choices)
    officer = forms.ModelChoiceField(
        label=_("officer"),
        queryset=Officer.objects.none(),
        required=False,
        help_text=_("For a certificate action or a recommendation to remove from the post."),
    )
    certificate = forms.ModelChoiceField(
        label=_("certificate"),
        queryset=Certificate.objects.none(),
        required=False,
        help_text=_("The officer's certificate to withhold or revoke."),
    )
    talk_on = forms.DateField(label=_("talk date"), required=False, widget=DateInput())
    referred_to = forms.ChoiceField(
        label=_("referred to"),
        choices=[("", "—"), *AccountabilityAction.ReferredTo.choices],
        required=False,
    )
    facts = forms.CharField(label=_("facts and reasons"), widget=forms.Textarea(attrs={"rows": 5}))
    grounds = forms.MultipleChoiceField(
        label=_("grounds"),
        help_text=_("The records this action rests on (hold Ctrl to choose several)."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        handled = Department.objects.handled_by(user).filter(is_legal_office=False)
        self.fields["department"].queryset = handled
        self.fields["officer"].queryset = Officer.objects.for_user(user).filter(
            department__in=handled
        )
        self.fields["certificate"].queryset = Certificate.objects.for_user(user).filter(
            officer__department__in=handled,
            status__in=[Certificate.Status.VALID, Certificate.Status.WITHHELD],
        )
        self.fields["grounds"].choices = grounds.choices_for(user)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("answer or record"), widget=forms.Textarea(attrs={"rows": 4}))
    attendees = forms.CharField(
        label=_("attendees"),
        required=False,
        help_text=_("For a formal talk: who attended."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InterferenceForm(forms.ModelForm):
    occurred_at = forms.DateTimeField(
        label=_("when"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = InterferenceRecord
        fields = [
            "official_name",
            "official_post",
            "official_unit",
            "occurred_at",
            "manner",
            "request",
            "evidence",
        ]

    def _post_clean(self):
        """The service validates the record, with the jurisdiction it decides on."""


class RespondForm(forms.Form):
    response = forms.CharField(label=_("response"), widget=forms.Textarea(attrs={"rows": 4}))
    accountability = forms.CharField(
        label=_("accountability taken"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


# Transfers to criminal justice -----------------------------------------------------------------

YES_NO = [("1", _("yes")), ("0", _("no"))]


def _datetime_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TransferForm(DepartmentChoiceMixin, forms.Form):
    case_number = forms.CharField(label=_("case number"), max_length=60)
    case_title = forms.CharField(label=_("case"), max_length=200)
    suspected_offence = forms.CharField(label=_("suspected offence"), max_length=200)
    team = forms.ModelMultipleChoiceField(
        label=_("case team"),
        queryset=Officer.objects.none(),
        help_text=_("Two or more officers of the department (hold Ctrl to choose several)."),
    )
    reported_at = forms.DateTimeField(label=_("reported at"), widget=_datetime_input())
    report = forms.FileField(label=_("written report"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Officer.objects.for_user(user).order_by("department", "name")
        self.add_department_choice(user, creating=True)


class TransferDecideForm(forms.Form):
    transfer_case = forms.TypedChoiceField(
        label=_("transfer the case"), choices=YES_NO, coerce=lambda v: v == "1"
    )
    decided_at = forms.DateTimeField(label=_("decided at"), widget=_datetime_input())
    reason = forms.CharField(
        label=_("reasons for the decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TransferHandoverForm(forms.Form):
    transferred_at = forms.DateTimeField(label=_("transferred at"), widget=_datetime_input())
    police_organ = forms.CharField(label=_("public security organ"), max_length=100)


class TransferPoliceForm(forms.Form):
    case_opened = forms.TypedChoiceField(
        label=_("case opened"), choices=YES_NO, coerce=lambda v: v == "1"
    )
    received_on = forms.DateField(label=_("police decision received on"), widget=DateInput())
    reply = forms.FileField(label=_("police's reply"), required=False)


class TransferFollowUpForm(forms.Form):
    route = forms.ChoiceField(
        label=_("follow-up"),
        choices=[
            (CriminalTransfer.Status.RECONSIDERATION, _("Ask the police to reconsider")),
            (CriminalTransfer.Status.PROCURATORATE, _("Ask the procuratorate to supervise")),
        ],
    )
    requested_on = forms.DateField(label=_("requested on"), widget=DateInput())
    reply = forms.FileField(label=_("procuratorate's or police's reply"), required=False)


# Enforcement disputes ----------------------------------------------------------------------------


class DisputeForm(forms.Form):
    respondent = forms.ModelChoiceField(
        label=_("other department"), queryset=Department.objects.none()
    )
    kind = forms.ChoiceField(label=_("kind of dispute"), choices=Dispute.Kind.choices)
    matter = forms.CharField(label=_("the matter"), widget=forms.Textarea(attrs={"rows": 3}))
    applicant_position = forms.CharField(
        label=_("submitting department's position"), widget=forms.Textarea(attrs={"rows": 3})
    )
    applicant_basis = forms.CharField(
        label=_("submitting department's basis"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(is_legal_office=False)
        if user.supervises_departments:
            handled = Department.objects.handled_by(user).filter(is_legal_office=False)
            self.fields = {
                "applicant": forms.ModelChoiceField(
                    label=_("submitting department"), queryset=handled
                ),
                **self.fields,
            }
            departments = handled
        elif user.department_id:
            departments = departments.filter(jurisdiction=user.department.jurisdiction_id).exclude(
                pk=user.department_id
            )
        self.fields["respondent"].queryset = departments


class DisputeAnswerForm(forms.Form):
    respondent_position = forms.CharField(
        label=_("other department's position"), widget=forms.Textarea(attrs={"rows": 3})
    )
    respondent_basis = forms.CharField(
        label=_("other department's basis"), widget=forms.Textarea(attrs={"rows": 3})
    )


class DisputeMeetingForm(forms.Form):
    held_on = forms.DateField(label=_("held on"), widget=DateInput())
    attendees = forms.CharField(label=_("attendees"), widget=forms.Textarea(attrs={"rows": 2}))
    minutes = forms.CharField(label=_("minutes"), widget=forms.Textarea(attrs={"rows": 4}))


class DisputeOpinionForm(forms.Form):
    opinion = forms.CharField(
        label=_("coordination opinion"), widget=forms.Textarea(attrs={"rows": 5})
    )


class DisputeProposalForm(forms.Form):
    proposal = forms.CharField(
        label=_("proposal to the government"), widget=forms.Textarea(attrs={"rows": 4})
    )


class DisputeDecisionForm(forms.Form):
    government_decision = forms.CharField(
        label=_("the government's decision"), widget=forms.Textarea(attrs={"rows": 4})
    )
