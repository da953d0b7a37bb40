import datetime

import pytest

from inspections import services
from inspections.models import Inspection
from tests.clock import at

D = datetime.date
JULY_20 = D(2026, 7, 20)


def new_inspection(legal, departments, *, day=JULY_20, start=None, team=(), **extra):
    start = start or day
    with at(day):
        return services.inspection_create(
            actor=legal,
            title=extra.pop("title", "交通运输领域执法监督专项检查"),
            field=extra.pop("field", Inspection.Field.TRANSPORT),
            departments=departments,
            methods=extra.pop("methods", [Inspection.Method.ON_SITE, Inspection.Method.CASE_FILES]),
            start_on=start,
            end_on=extra.pop("end_on", start + datetime.timedelta(days=4)),
            team=team,
            scope=extra.pop("scope", "道路运输行政处罚案卷；超限超载现场执法。"),
            **extra,
        )


@pytest.fixture
def inspection(legal, department_a, department_b, supervisor):
    return new_inspection(legal, [department_a, department_b], team=[supervisor])


@pytest.fixture
def under_way(inspection, legal):
    with at(D(2026, 7, 20)):
        return services.inspection_start(inspection=inspection, actor=legal)
