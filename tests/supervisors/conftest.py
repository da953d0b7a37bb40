import datetime

import pytest

from supervisors import services
from tests.clock import at
from tests.factories import SupervisorFactory

D = datetime.date
TERM = (D(2025, 7, 1), D(2028, 6, 30))


def appoint(legal, supervisor, departments, **extra):
    return services.profile_save(
        supervisor=supervisor,
        actor=legal,
        appointed_from=extra.pop("appointed_from", TERM[0]),
        appointed_to=extra.pop("appointed_to", TERM[1]),
        contact_departments=departments,
        **extra,
    )


@pytest.fixture
def profile(legal, supervisor, department_a):
    """supervisor1, appointed by the city, in fixed-point contact with department A."""
    return appoint(legal, supervisor, [department_a], phone="13900000001", employer="宿州学院")


@pytest.fixture
def other_supervisor(legal, department_b):
    person = SupervisorFactory(username="supervisor2", first_name="周建华")
    appoint(legal, person, [department_b])
    return person


def activity(supervisor, department, day, text="赴执法一线监督"):
    with at(day):
        return services.activity_record(
            actor=supervisor, held_on=day, department=department, kind="on_site", observations=text
        )
