"""Done when: with the demo data, the check run for 2 January 2027 (a Saturday) withholds exactly
the certificates of the officers short of hours or assessment in 2026, each department gets one
notice on Monday 4 January listing its officers, the public lookup shows them withheld, and running
it again changes nothing."""

import pytest
from django.core.management import call_command

from personnel.models import Certificate
from supervision.models import Notice
from tests.clock import at

from .conftest import D

SHORT_IN_2026 = {"李娜", "刘洋", "赵磊", "孙伟", "郭强"}


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True  # seed_demo creates the demo accounts only with DEBUG on
    settings.TRAINING_FIRST_JUDGED_YEAR = 2026  # the default: 2025 was kept on paper
    with at(D(2026, 11, 30)):
        call_command("seed_demo", stdout=None)


def withheld():
    return dict(
        Certificate.objects.filter(status=Certificate.Status.WITHHELD).values_list(
            "officer__name", "status_reason"
        )
    )


def test_the_demo_year_end(demo, api):
    before = withheld()
    assert set(before) == {"马超"}  # withheld after a complaint, not for training
    call_command("run_deadline_checks", "--date", "2027-01-02")
    # A Saturday: withheld at once, the notices on Monday.
    assert not Notice.objects.filter(rule="training_year_end").exists()
    call_command("run_deadline_checks", "--date", "2027-01-04")

    after = withheld()
    assert set(after) == {"马超", *SHORT_IN_2026}
    assert after["马超"] == before["马超"]
    notices = Notice.objects.filter(rule="training_year_end").select_related("department")
    assert sorted(n.department.code for n in notices) == ["JTJ", "ZJJ"]
    by_code = {n.department.code: n.body for n in notices}
    for name in ("李娜", "刘洋", "赵磊"):
        assert name in by_code["ZJJ"]
    for name in ("孙伟", "郭强"):
        assert name in by_code["JTJ"]
    for name in ("王建国", "陈静", "周涛", "马超", "朱琳"):
        assert name not in by_code["ZJJ"] + by_code["JTJ"]

    number = Certificate.objects.get(officer__name="李娜").number
    with at(D(2027, 1, 3)):
        (found,) = api().get(f"/api/v1/public/certificates/?number={number}").json()
    assert (found["status"], found["may_enforce"]) == ("withheld", False)

    snapshot = list(Certificate.objects.order_by("pk").values_list("pk", "status", "status_reason"))
    notice_count = Notice.objects.count()
    call_command("run_deadline_checks", "--date", "2027-01-04")
    assert (
        list(Certificate.objects.order_by("pk").values_list("pk", "status", "status_reason"))
        == snapshot
    )
    assert Notice.objects.count() == notice_count


def test_seeding_twice_adds_nothing(demo, settings):
    from training.models import Assessment, Course, TrainingPlan, TrainingRecord

    counts = [m.objects.count() for m in (Course, TrainingRecord, Assessment, TrainingPlan)]
    with at(D(2026, 11, 30)):
        call_command("seed_demo", stdout=None)
    assert [m.objects.count() for m in (Course, TrainingRecord, Assessment, TrainingPlan)] == counts
    assert counts[0] == 4


@pytest.mark.parametrize("day", [D(2027, 2, 1), D(2027, 4, 15)])
def test_the_demo_loads_after_new_year_too(db, settings, day):
    """A new user may run `make run` in any month; from January on, the gates of the new year
    apply to the demo's own reviews and the demo must still load, twice."""
    settings.DEBUG = True
    settings.TRAINING_FIRST_JUDGED_YEAR = 2026
    with at(day):
        call_command("seed_demo", stdout=None)
        count = Certificate.objects.count()
        call_command("seed_demo", stdout=None)
    assert count > 0
    assert Certificate.objects.count() == count
