"""What the year's work plan contributes to the annual assessment (annex 1 四(二): a department
that misses its tasks is criticised and loses points): a deduction for each delivery of a task it
leads, due in the year, reported after its due date or still owed on the day the year is judged.
One query for all departments (supervision.dashboard)."""

from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision.calendar import long_date
from supervision.dashboard import DeductionRule, Item, assessment_day, register_deduction

from .models import TaskDelivery


@register_deduction
class WorkPlanDeduction(DeductionRule):
    name = "work_plan_missed"
    label = gettext_lazy("Tasks of the year's plan missed")
    order = 70
    max_points = 10
    per_item = 2
    basis = gettext_lazy(
        "2 points for each delivery of a task the department leads, due in the year, reported"
        " late or not at all, at most 10"
    )

    def items(self, departments, year):
        day = assessment_day(year)
        deliveries = (
            TaskDelivery.objects.filter(task__lead_department__in=departments, due__year=year)
            .filter(Q(status__in=TaskDelivery.OWED, due__lt=day) | Q(reported_on__gt=F("due")))
            .select_related("task")
            .order_by("task__lead_department_id", "due", "pk")
        )
        found: dict[int, list[Item]] = {}
        for delivery in deliveries.iterator(2000):
            values = {
                "task": delivery.task.number,
                "title": delivery.task.title,
                "delivery": delivery.description,
                "due": long_date(delivery.due),
            }
            if delivery.status in TaskDelivery.OWED:
                text = _("Task %(task)d %(title)s — %(delivery)s: due by %(due)s, not delivered")
            else:
                values["reported"] = long_date(delivery.reported_on)
                text = _(
                    "Task %(task)d %(title)s — %(delivery)s: due by %(due)s, reported on"
                    " %(reported)s"
                )
            found.setdefault(delivery.task.lead_department_id, []).append(
                Item(text % values, delivery.get_absolute_url())
            )
        return found
