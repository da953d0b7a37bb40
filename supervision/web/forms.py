"""Form pieces every registry's pages share."""

from django import forms
from django.utils.translation import gettext_lazy as _

from supervision.models import Department


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DepartmentChoiceMixin:
    """On a new record the legal office names the department; a clerk's is always their own."""

    def add_department_choice(self, user, *, creating: bool):
        if creating and user.supervises_departments:
            self.fields = {
                "department": forms.ModelChoiceField(
                    label=_("department"),
                    queryset=Department.objects.handled_by(user).filter(is_legal_office=False),
                ),
                **self.fields,
            }


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (``<input type=file multiple>``); cleans to a list.

    ``types``: the suffixes offered by the browser's file picker (the service checks the
    content against the upload policy, ``supervision.uploads``)."""

    def __init__(self, *args, types=(), **kwargs):
        accept = ",".join(f".{suffix}" for suffix in types)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept} if accept else {}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class TrackingCodeForm(forms.Form):
    """The public's look-up of what they filed by its tracking code (posted, never in the
    address)."""

    code = forms.CharField(
        label=_("Tracking code"),
        max_length=60,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
