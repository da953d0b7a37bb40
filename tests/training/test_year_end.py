"""The year-end consequence: on the first check run of 2027, every valid certificate whose holder
was not compliant in 2026 is withheld in one update, each department gets one notice listing its
officers, and running the check again changes nothing."""

import os
import re
import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from personnel import services as personnel
from personnel.models import Certificate
from supervision import notes
from supervision.deadlines import get_rule, run_deadline_checks
from supervision.models import AuditEntry, Notice
from tests.clock import at
from tests.conftest import running_in_ci
from tests.factories import DepartmentFactory
from training.models import TrainingWithholding

from .conftest import ISSUED, D

NEW_YEAR_CHECK = D(2027, 1, 2)  # a Saturday
FIRST_WORKING_DAY = D(2027, 1, 4)


@pytest.fixture
def city(training, department_a, department_b):
    """Officers of two departments at the end of 2026."""
    people = {}

    def officer(department, name, *, certificate="valid", issued_on=ISSUED):
        person = training.officer(department, name)
        if certificate:
            person.certificate_ = training.certificate(
                person, status=certificate, issued_on=issued_on
            )
        people[name] = person
        return person

    training.compliant(officer(department_a, "王建国"))
    short = officer(department_a, "李娜")
    training.hours(short, "39.5")
    training.assessment(short)
    unassessed = officer(department_a, "刘洋")
    training.hours(unassessed, "40")
    failed = officer(department_a, "赵磊")
    training.hours(failed, "40")
    training.assessment(failed, score="52")
    officer(department_a, "周涛", certificate="expired")  # short, but nothing valid to withhold
    officer(department_b, "马超", certificate="withheld")  # already withheld for another reason
    officer(department_b, "孙伟")  # no training at all in 2026
    training.compliant(officer(department_b, "徐丽"))
    officer(department_b, "朱琳", certificate=None)  # short, holds no certificate
    officer(department_b, "新证", issued_on=D(2027, 1, 1))  # issued in 2027: 2026 not its year
    return people


def certificate_of(person):
    return Certificate.objects.get(pk=person.certificate_.pk)


def withheld_names():
    return set(
        Certificate.objects.filter(
            status=Certificate.Status.WITHHELD, training_withholdings__year=2026
        ).values_list("officer__name", flat=True)
    )


def test_the_first_check_of_the_year_withholds_exactly_the_short(city, department_a, department_b):
    results = {r.rule: r for r in run_deadline_checks(NEW_YEAR_CHECK)}

    assert results["training_year_end"].acted == 4
    assert withheld_names() == {"李娜", "刘洋", "赵磊", "孙伟"}
    for name in ("王建国", "徐丽", "新证"):
        assert certificate_of(city[name]).status == Certificate.Status.VALID
    assert certificate_of(city["周涛"]).status == Certificate.Status.EXPIRED
    assert certificate_of(city["马超"]).status_reason == ""  # its own withholding, untouched
    held = certificate_of(city["李娜"])
    # Written by the portal itself: kept as a note, read in the reader's language.
    with translation.override("zh-hans"):
        assert (
            notes.render(held.status_reason) == "培训未达标：2026年度培训不足40学时或考核未合格。"
        )
    with translation.override("en"):
        assert notes.render(held.status_reason) == (
            "Training: fewer than 40 training hours or no passed assessment in 2026."
        )
    assert TrainingWithholding.objects.get(certificate=held).withheld_on == NEW_YEAR_CHECK

    entries = AuditEntry.objects.filter(action="withhold", content_type__model="certificate")
    assert entries.count() == 4
    entry = AuditEntry.objects.for_record(held).get(action="withhold")
    assert entry.after == {"status": "withheld", "status_reason": held.status_reason}
    assert entry.reason == held.status_reason


def test_each_department_gets_one_notice_listing_its_officers(city, department_a, department_b):
    # Saturday 2 January 2027: the certificates are withheld, but no notice is issued on a rest
    # day; Monday's run issues them.
    run_deadline_checks(NEW_YEAR_CHECK)
    assert not Notice.objects.filter(rule="training_year_end").exists()
    run_deadline_checks(FIRST_WORKING_DAY)
    notices = Notice.objects.filter(rule="training_year_end").order_by("department__code")
    assert [(n.department, n.kind) for n in notices] == [
        (department_b, Notice.Kind.OVERDUE),
        (department_a, Notice.Kind.OVERDUE),
    ]
    to_a = notices.get(department=department_a)
    assert to_a.subject == "关于暂扣2026年度培训未达标执法人员执法证件的通知（3人）"
    assert to_a.number.startswith("宿法监通〔2027〕")
    assert to_a.due_date == D(2026, 12, 31)
    assert to_a.issued_on == FIRST_WORKING_DAY
    lines = to_a.body.split("\n")
    assert lines[0] == (
        "你单位下列执法人员2026年度未完成40学时培训或考核未合格，自2027年1月2日起暂扣其执法证件："
    )
    listed = "\n".join(lines[1:4])
    assert (
        f"李娜，证件号{city['李娜'].certificate_.number}：已完成39.5学时（应达40学时），考核合格（最高85分）"
        in listed
    )
    assert "刘洋" in listed
    assert "未参加考核" in listed
    assert "赵磊" in listed
    assert "考核不合格（最高52分）" in listed
    assert "王建国" not in to_a.body
    assert "周涛" not in to_a.body
    to_b = notices.get(department=department_b)
    assert "孙伟" in to_b.body
    assert "已完成0学时" in to_b.body
    assert "马超" not in to_b.body
    assert "朱琳" not in to_b.body


def test_the_certificates_change_in_one_update(city):
    rule = get_rule("training_year_end")
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert rule.act(NEW_YEAR_CHECK) == 4
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "personnel_certificate"')]
    assert len(updates) == 1
    assert not any(q["sql"].startswith('UPDATE "training_') for q in queries)


NOT_IN_SUBQUERY = re.compile(r"NOT \([^()]*\bIN \(SELECT", re.IGNORECASE)


def test_no_check_excludes_rows_by_a_subquery(city):
    """PostgreSQL runs NOT IN (SELECT ...) as a nested scan once the subquery outgrows work_mem;
    the checks exclude with anti-joins (NOT EXISTS) instead."""
    # Working days (8 October, not the holiday of 1 October): notices are drafted only then.
    for day in (D(2026, 10, 8), D(2026, 12, 1), NEW_YEAR_CHECK, FIRST_WORKING_DAY):
        with CaptureQueriesContext(connection) as queries:
            run_deadline_checks(day)
        assert [q["sql"] for q in queries if NOT_IN_SUBQUERY.search(q["sql"])] == []


def test_running_the_check_again_changes_nothing(city):
    run_deadline_checks(NEW_YEAR_CHECK)
    run_deadline_checks(FIRST_WORKING_DAY)
    snapshot = list(Certificate.objects.order_by("pk").values_list("pk", "status", "status_reason"))
    withheld_entries = AuditEntry.objects.filter(action="withhold")
    year_end_notices = Notice.objects.filter(rule="training_year_end")
    audit_count, notice_count = withheld_entries.count(), year_end_notices.count()

    for day in (NEW_YEAR_CHECK, FIRST_WORKING_DAY, D(2027, 6, 1)):
        again = {r.rule: r for r in run_deadline_checks(day)}["training_year_end"]
        assert (again.acted, again.overdue) == (0, 0)
    assert (
        list(Certificate.objects.order_by("pk").values_list("pk", "status", "status_reason"))
        == snapshot
    )
    assert (withheld_entries.count(), year_end_notices.count()) == (audit_count, notice_count)
    assert TrainingWithholding.objects.count() == 4


def test_a_certificate_the_legal_office_restores_is_not_withheld_again(city, legal):
    run_deadline_checks(NEW_YEAR_CHECK)
    with at(D(2027, 1, 5)):
        personnel.certificate_restore(
            certificate=certificate_of(city["李娜"]),
            actor=legal,
            reason="已于2027年1月4日补训0.5学时。",
        )
    run_deadline_checks(D(2027, 1, 6))
    assert certificate_of(city["李娜"]).status == Certificate.Status.VALID
    assert TrainingWithholding.objects.filter(certificate=city["李娜"].certificate_).count() == 1
    assert Notice.objects.filter(rule="training_year_end").count() == 2


def test_a_certificate_valid_again_for_another_reason_is_withheld_for_training(city, legal):
    """马超's certificate was withheld after a complaint; restored in March, it is then withheld
    for 2026's training, and 交通运输局 is told in a notice of its own."""
    run_deadline_checks(NEW_YEAR_CHECK)
    with at(D(2027, 3, 1)):
        personnel.certificate_restore(
            certificate=certificate_of(city["马超"]), actor=legal, reason="投诉已处理完毕。"
        )
    run_deadline_checks(D(2027, 3, 2))
    assert certificate_of(city["马超"]).status == Certificate.Status.WITHHELD
    later = Notice.objects.get(object_key__endswith=":2027-03-02")
    assert "马超" in later.body
    assert "孙伟" not in later.body


def test_the_public_lookup_shows_the_certificate_withheld(city, api, browser):
    run_deadline_checks(NEW_YEAR_CHECK)
    number = city["李娜"].certificate_.number
    with at(D(2027, 1, 3)):
        (found,) = api().get(f"/api/v1/public/certificates/?number={number}").json()
        page = browser.get(f"/public/certificates/{number}/")
    assert (found["status"], found["may_enforce"]) == ("withheld", False)
    assert page.status_code == 200
    assert "暂扣" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_year_end_on_two_workers_at_once_withholds_each_certificate_once():
    if connection.vendor != "postgresql":
        if running_in_ci() or os.environ.get("DATABASE_URL"):
            pytest.fail("this test needs PostgreSQL")
        pytest.skip("concurrency is tested on PostgreSQL")
    from .conftest import Training

    training = Training()
    department = DepartmentFactory(code="ZJJ", name="宿州市住房和城乡建设局", stem="00300002")
    for i in range(20):
        officer = training.officer(department)
        training.certificate(officer)
        if i % 4 == 0:
            training.compliant(officer)
    barrier = threading.Barrier(2)
    errors = []

    def worker():
        try:
            barrier.wait()
            # A working day: the certificates are withheld and the notice issued in one run.
            run_deadline_checks(FIRST_WORKING_DAY)
        except Exception as error:  # noqa: BLE001 — any error in the thread fails the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Certificate.objects.filter(status="withheld").count() == 15
    assert TrainingWithholding.objects.count() == 15
    assert AuditEntry.objects.filter(action="withhold").count() == 15
    assert Notice.objects.filter(rule="training_year_end").count() == 1
