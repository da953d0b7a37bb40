from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from personnel.models import Officer
from supervision.models import Department
from supervision.web.forms import DateInput, DepartmentChoiceMixin

from .models import Course, TrainingPlan, content_area_choices


class ServiceValidatedModelForm(forms.ModelForm):
    def _post_clean(self):
        """The model's checks run in the service, which knows the department and the state."""


class TrainingPlanForm(DepartmentChoiceMixin, ServiceValidatedModelForm):
    class Meta:
        model = TrainingPlan
        fields = [
            "year",
            "courses_planned",
            "hours_planned",
            "people",
            "budget",
            "content",
            "document",
        ]
        widgets = {"content": forms.Textarea(attrs={"rows": 5}), "document": forms.FileInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        creating = self.instance.pk is None
        self.add_department_choice(user, creating=creating)
        if creating:
            self.fields["year"].initial = timezone.localdate().year
        else:
            del self.fields["year"]


class CourseForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=Course.Kind.choices)
    organiser = forms.CharField(
        label=_("organiser"), max_length=200, help_text=_("e.g. 市政府法制办公室、中共宿州市委党校")
    )
    department = forms.ModelChoiceField(
        label=_("organising department"),
        queryset=Department.objects.filter(is_legal_office=False),
        required=False,
        help_text=_("Department-organised courses only."),
    )
    open_to = forms.ModelMultipleChoiceField(
        label=_("open to departments"),
        queryset=Department.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Centralised courses only."),
    )
    starts_on = forms.DateField(label=_("starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("ends on"), widget=DateInput())
    hours = forms.DecimalField(label=_("hours"), max_digits=5, decimal_places=1)
    content_areas = forms.MultipleChoiceField(
        label=_("content areas"),
        choices=content_area_choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, course=None, **kwargs):
        if course is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": course.title,
                    "organiser": course.organiser,
                    "starts_on": course.starts_on,
                    "ends_on": course.ends_on,
                    "hours": course.hours,
                    "content_areas": course.content_areas,
                    "open_to": list(course.open_to.all()),
                },
            )
        super().__init__(*args, **kwargs)
        if course is not None:
            # Kind and department are fixed once the course exists.
            del self.fields["kind"], self.fields["department"]
            if course.kind != Course.Kind.CENTRALISED:
                del self.fields["open_to"]
        elif not user.supervises_departments:
            # A clerk organises department courses of their own department.
            del self.fields["kind"], self.fields["department"], self.fields["open_to"]
        handled = Department.objects.handled_by(user).filter(is_legal_office=False)
        for name in ("department", "open_to"):
            if name in self.fields:
                self.fields[name].queryset = handled

    def clean_content_areas(self):
        chosen = set(self.cleaned_data["content_areas"])
        return [value for value, _label in _flat(content_area_choices()) if value in chosen]


def _flat(choices):
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield from label
        else:
            yield value, label


class RecordForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("officer"), queryset=Officer.objects.none())
    hours = forms.DecimalField(label=_("hours earned"), max_digits=5, decimal_places=1)

    def __init__(self, *args, user, course, **kwargs):
        super().__init__(*args, **kwargs)
        officers = Officer.objects.for_user(user).exclude(training_records__course=course)
        if course.kind == Course.Kind.DEPARTMENT:
            officers = officers.filter(department=course.department_id)
        else:
            officers = officers.filter(department__in=course.open_to.all())
        self.fields["officer"].queryset = officers.order_by("department__code", "name")
        self.fields["officer"].label_from_instance = lambda o: f"{o.name}（{o.department.name}）"
        self.fields["hours"].initial = course.hours


class SheetForm(forms.Form):
    file = forms.FileField(label=_("sign-in sheet (.xlsx)"))


class AssessmentForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    score = forms.DecimalField(label=_("score"), max_digits=4, decimal_places=1)
    assessed_on = forms.DateField(label=_("assessed on"), widget=DateInput())
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["assessed_on"].initial = today
