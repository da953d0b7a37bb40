import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from supervision.models import Department
from supervision.web.forms import DateInput, DepartmentChoiceMixin

from .models import (
    MAX_GRADES,
    CatalogueFiling,
    CleanupItem,
    DiscretionBenchmark,
    NormativeDocument,
    Objection,
    TaskDelivery,
    WorkTask,
)

# "circumstances｜outcome" on each line; the full-width bar is what a Chinese keyboard types.
GRADE_SEPARATOR = re.compile(r"\s*[|｜]\s*")


class DocumentForm(DepartmentChoiceMixin, forms.ModelForm):
    class Meta:
        model = NormativeDocument
        fields = ["number", "title", "issued_on", "effective_on", "text"]
        widgets = {
            "issued_on": DateInput(),
            "effective_on": DateInput(),
            "text": forms.ClearableFileInput(attrs={"accept": ".pdf"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_department_choice(user, creating=self.instance.pk is None)
        if self.instance.pk is not None:
            self.fields["text"].required = False
            self.fields["text"].widget = forms.FileInput(attrs={"accept": ".pdf"})
            self.fields["text"].help_text = _("Leave empty to keep the text already uploaded.")

    def _post_clean(self):
        """The service validates the model, with the department it decides on."""


class FileForm(forms.Form):
    filed_on = forms.DateField(
        label=_("filed on"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: today."),
    )


class DocumentReviewForm(forms.Form):
    result = forms.ChoiceField(
        label=pgettext_lazy("filing review", "Result"),
        choices=[
            (NormativeDocument.Status.NO_PROBLEM, _("No problem found")),
            (NormativeDocument.Status.PROBLEM_FOUND, _("Problem found: order a correction")),
        ],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("review opinion"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    problem = forms.CharField(
        label=_("problem found"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    correction_required = forms.CharField(
        label=_("correction required"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class GradesField(forms.CharField):
    """The graded circumstances and outcomes, one per line: ``circumstances｜outcome``."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(
                f"{grade.get('circumstances', '')}｜{grade.get('outcome', '')}"
                for grade in value
                if isinstance(grade, dict)
            )
        return value

    def to_python(self, value):
        text = super().to_python(value)
        grades = []
        for number, line in enumerate(
            (line for line in text.splitlines() if line.strip()), start=1
        ):
            parts = GRADE_SEPARATOR.split(line.strip(), maxsplit=1)
            if len(parts) != 2 or not all(parts):
                raise ValidationError(
                    _("Line %(number)d: write the circumstances, a bar “｜”, then the outcome.")
                    % {"number": number}
                )
            grades.append({"circumstances": parts[0], "outcome": parts[1]})
        if len(grades) > MAX_GRADES:
            raise ValidationError(
                _("A benchmark has at most %(max)d grades.") % {"max": MAX_GRADES}
            )
        return grades


class BenchmarkForm(DepartmentChoiceMixin, forms.ModelForm):
    grades = GradesField(
        label=_("graded circumstances and outcomes"),
        help_text=_(
            "One grade per line, mildest first: the circumstances, a bar “｜”, the outcome. For"
            " example: 初次违法且危害后果轻微｜警告"
        ),
    )

    class Meta:
        model = DiscretionBenchmark
        fields = [
            "matter",
            "legal_basis",
            "discretion",
            "grades",
            "higher_benchmark",
            "effective_from",
        ]
        widgets = {
            "effective_from": DateInput(),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "discretion": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        creating = self.instance.pk is None
        self.add_department_choice(user, creating=creating)
        if not creating:
            # A version keeps the matter it was opened for.
            del self.fields["matter"]

    def _post_clean(self):
        """The service validates the model, with the department it decides on."""


class BenchmarkReviewForm(forms.Form):
    result = forms.ChoiceField(
        label=pgettext_lazy("benchmark review", "Result"),
        choices=[
            (DiscretionBenchmark.Status.APPROVED, _("Approve")),
            (DiscretionBenchmark.Status.RETURNED, _("Return for correction")),
        ],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("review opinion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EmptyForm(forms.Form):
    """A button's form: the action takes no input."""


class CatalogueSendForm(DepartmentChoiceMixin, forms.ModelForm):
    class Meta:
        model = CatalogueFiling
        fields = ["flowchart"]
        widgets = {"flowchart": forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_department_choice(user, creating=True)

    def _post_clean(self):
        """The service validates the model, with the department it decides on."""


class CatalogueReviewForm(forms.Form):
    result = forms.ChoiceField(
        label=pgettext_lazy("catalogue review", "Result"),
        choices=[
            (CatalogueFiling.Status.ACKNOWLEDGED, _("Acknowledge")),
            (CatalogueFiling.Status.RETURNED, _("Return for correction")),
        ],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("review opinion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TaskForm(forms.ModelForm):
    class Meta:
        model = WorkTask
        fields = ["year", "number", "title", "lead_department", "co_departments", "deliverable"]
        widgets = {
            "co_departments": forms.CheckboxSelectMultiple,
            "deliverable": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.handled_by(user).order_by("code")
        self.fields["lead_department"].queryset = departments
        self.fields["co_departments"].queryset = departments.filter(is_legal_office=False)
        self.fields["year"].min_value = 2000
        self.fields["year"].max_value = 2100

    def _post_clean(self):
        """The service validates the model, with the jurisdiction it decides on."""


class DeliveryForm(forms.Form):
    description = forms.CharField(label=_("delivery"), max_length=200)
    due = forms.DateField(label=_("due"), widget=DateInput())


class ReportForm(forms.Form):
    report = forms.CharField(label=_("progress report"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label=_("evidence"), required=False)


class DeliveryReviewForm(forms.Form):
    result = forms.ChoiceField(
        label=pgettext_lazy("delivery review", "Result"),
        choices=[
            (TaskDelivery.Status.ACCEPTED, _("Accept")),
            (TaskDelivery.Status.RETURNED, _("Return for correction")),
        ],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("review opinion"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CleanupOpenForm(forms.Form):
    title = forms.CharField(label=_("campaign"), max_length=200)
    due = forms.DateField(label=_("due"), widget=DateInput())


class CleanupDecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("clean-up decision"), choices=CleanupItem.Decision.choices)
    reasons = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 2}))


class ObjectionForm(forms.ModelForm):
    class Meta:
        model = Objection
        fields = ["name", "contact", "grounds"]
        widgets = {"grounds": forms.Textarea(attrs={"rows": 6})}

    def _post_clean(self):
        """The service validates the model."""


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 5}))
