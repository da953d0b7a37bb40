"""The services of a major decision: review gate, the 10-day filing rule, filing, corrections."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases import services
from cases.models import MajorDecision
from supervision import notes
from supervision.errors import TransitionNotAllowed
from supervision.models import AuditEntry
from tests.clock import at

from .conftest import D, decided, passed, register

# The review gate ----------------------------------------------------------------------------


def test_a_pending_decision_cannot_be_made(clerk_a, pending_a):
    with at(D(2026, 3, 3)), pytest.raises(TransitionNotAllowed) as refused:
        services.decision_decide(decision=pending_a, decision_date=D(2026, 3, 3), actor=clerk_a)
    assert str(refused.value.message) == "该决定尚未通过法制审核（正在审核中），不能登记为已作出。"
    pending_a.refresh_from_db()
    assert pending_a.decision_date is None
    assert pending_a.filing_due is None


def test_a_failed_decision_cannot_be_made(clerk_a, legal, pending_a):
    with at(D(2026, 3, 3)):
        services.decision_review(
            decision=pending_a, result="failed", opinion="证据不足。", actor=legal
        )
        with pytest.raises(TransitionNotAllowed, match="法制审核未通过，不能登记为已作出"):
            services.decision_decide(decision=pending_a, decision_date=D(2026, 3, 3), actor=clerk_a)
    assert MajorDecision.objects.get().decision_date is None


def test_the_database_itself_refuses_a_decision_date_without_a_passed_review(pending_a):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        MajorDecision.objects.filter(pk=pending_a.pk).update(
            decision_date=D(2026, 3, 3), filing_due=D(2026, 3, 13)
        )


def test_only_the_legal_office_reviews(clerk_a, pending_a):
    with pytest.raises(PermissionDenied):
        services.decision_review(decision=pending_a, result="passed", opinion="", actor=clerk_a)


def test_a_failed_review_needs_reasons(legal, pending_a):
    with pytest.raises(ValidationError) as error:
        services.decision_review(decision=pending_a, result="failed", opinion="  ", actor=legal)
    assert error.value.message_dict == {"opinion": ["审核不通过的，应当填写审核意见，说明理由。"]}


def test_a_reviewed_decision_is_not_reviewed_twice(legal, clerk_a, category_a):
    decision = passed(clerk_a, legal, category_a, reviewed_on=D(2026, 3, 2))
    with pytest.raises(TransitionNotAllowed, match="已通过法制审核"):
        services.decision_review(decision=decision, result="failed", opinion="x", actor=legal)


def test_correcting_a_failed_decision_resubmits_it(legal, clerk_a, pending_a):
    services.decision_review(decision=pending_a, result="failed", opinion="证据不足。", actor=legal)
    decision = services.decision_update(
        decision=pending_a, actor=clerk_a, summary="补充了现场勘验笔录。"
    )
    assert decision.review_status == "pending"
    assert decision.review_opinion == ""
    assert decision.summary == "补充了现场勘验笔录。"
    actions = list(
        AuditEntry.objects.for_record(decision)
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == ["register", "review_failed", "resubmit"]
    failed = AuditEntry.objects.for_record(decision).get(action="review_failed")
    assert failed.reason == "证据不足。"
    assert failed.actor == legal


def test_a_passed_decision_can_no_longer_be_corrected(legal, clerk_a, category_a):
    decision = passed(clerk_a, legal, category_a, reviewed_on=D(2026, 3, 2))
    with pytest.raises(TransitionNotAllowed, match="已通过法制审核，不能再修改"):
        services.decision_update(decision=decision, actor=clerk_a, title="改了名称")


def test_a_decision_may_not_be_made_before_its_review_passed(legal, clerk_a, category_a):
    decision = passed(clerk_a, legal, category_a, reviewed_on=D(2026, 3, 5))
    with at(D(2026, 3, 6)), pytest.raises(ValidationError) as error:
        services.decision_decide(decision=decision, decision_date=D(2026, 3, 4), actor=clerk_a)
    assert error.value.message_dict == {
        "decision_date": ["决定日期不能早于法制审核通过之日（2026年3月5日）。"]
    }


def test_a_decision_date_in_the_future_is_refused(legal, clerk_a, category_a):
    decision = passed(clerk_a, legal, category_a, reviewed_on=D(2026, 3, 2))
    with at(D(2026, 3, 3)), pytest.raises(ValidationError) as error:
        services.decision_decide(decision=decision, decision_date=D(2026, 3, 4), actor=clerk_a)
    assert error.value.message_dict == {"decision_date": ["决定日期不能晚于今天。"]}
    assert MajorDecision.objects.get().decision_date is None


def test_a_clerk_of_another_department_cannot_act(clerk_b, legal, clerk_a, category_a):
    decision = passed(clerk_a, legal, category_a, reviewed_on=D(2026, 3, 2))
    with at(D(2026, 3, 3)), pytest.raises(PermissionDenied):
        services.decision_decide(decision=decision, decision_date=D(2026, 3, 3), actor=clerk_b)


# The 10-day filing rule on real 2026 dates ---------------------------------------------------


@pytest.mark.parametrize(
    ("made_on", "due", "skipped"),
    [
        pytest.param(D(2026, 3, 3), D(2026, 3, 13), (), id="plain period"),
        pytest.param(D(2026, 3, 5), D(2026, 3, 16), (D(2026, 3, 15),), id="last day a Sunday"),
        pytest.param(
            D(2026, 9, 25),
            D(2026, 10, 8),
            (D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7)),
            id="last day in the National Day holiday",
        ),
        # 2026-10-10 is a Saturday worked in exchange for the National Day holiday (调休).
        pytest.param(D(2026, 9, 30), D(2026, 10, 10), (), id="made-up working Saturday"),
    ],
)
def test_the_filing_deadline_is_computed_and_stored_when_the_decision_is_made(
    legal, clerk_a, category_a, made_on, due, skipped
):
    decision = decided(clerk_a, legal, category_a, made_on=made_on)
    stored = MajorDecision.objects.get(pk=decision.pk)
    assert stored.decision_date == made_on
    assert stored.filing_due == due
    assert stored.filing_due_provisional is False
    entry = AuditEntry.objects.for_record(stored).get(action="decide")
    assert entry.after["filing_due"] == due.isoformat()
    for day in skipped:
        assert f"{day.year}年{day.month}月{day.day}日" in notes.render(entry.reason)
    with at(made_on):
        assert stored.filing_status == "awaiting_filing"


def test_a_deadline_in_a_year_the_package_does_not_know_is_provisional(legal, clerk_a, category_a):
    # 2026-12-25 + 10 days = 2027-01-04; chinese-calendar 1.11 does not know 2027.
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 12, 25))
    assert decision.filing_due == D(2027, 1, 4)
    assert decision.filing_due_provisional is True


def test_correcting_the_decision_date_moves_the_deadline(legal, clerk_a, category_a):
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 3, 3))
    with at(D(2026, 3, 6)):
        decision = services.decision_decide(
            decision=decision, decision_date=D(2026, 3, 5), actor=clerk_a
        )
    assert decision.filing_due == D(2026, 3, 16)
    assert AuditEntry.objects.for_record(decision).filter(action="correct_decision_date").exists()


# Filing ------------------------------------------------------------------------------------


def test_filing_on_the_last_day_is_on_time(legal, clerk_a, category_a):
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 3, 5))
    with at(D(2026, 3, 16)):
        decision = services.decision_file(decision=decision, actor=clerk_a)
        assert decision.filed_on == D(2026, 3, 16)
        assert decision.filing_status == "filed_on_time"


def test_filing_the_day_after_the_last_day_is_late(legal, clerk_a, category_a):
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 3, 5))
    with at(D(2026, 3, 17)):
        assert decision.filing_status == "overdue"
        decision = services.decision_file(decision=decision, actor=clerk_a)
        assert decision.filing_status == "filed_late"
    assert MajorDecision.objects.with_filing_status("filed_late").get() == decision


def test_filing_in_the_future_is_refused(legal, clerk_a, category_a):
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 3, 3))
    with at(D(2026, 3, 4)), pytest.raises(ValidationError) as error:
        services.decision_file(decision=decision, filed_on=D(2026, 3, 5), actor=clerk_a)
    assert error.value.message_dict == {"filed_on": ["备案日期不能晚于今天。"]}


def test_filing_before_the_decision_is_refused(legal, clerk_a, category_a):
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 3, 3))
    with at(D(2026, 3, 4)), pytest.raises(ValidationError) as error:
        services.decision_file(decision=decision, filed_on=D(2026, 3, 2), actor=clerk_a)
    assert error.value.message_dict == {"filed_on": ["备案日期不能早于决定日期（2026年3月3日）。"]}
    assert MajorDecision.objects.get().filed_on is None


def test_a_decision_not_made_cannot_be_filed(legal, clerk_a, category_a):
    decision = passed(clerk_a, legal, category_a, reviewed_on=D(2026, 3, 2))
    with pytest.raises(TransitionNotAllowed, match="尚未登记作出日期"):
        services.decision_file(decision=decision, actor=clerk_a)


def test_a_filed_decision_is_read_only(legal, clerk_a, category_a):
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 3, 3))
    with at(D(2026, 3, 10)):
        services.decision_file(decision=decision, actor=clerk_a)
        for attempt in (
            lambda: services.decision_update(decision=decision, actor=clerk_a, title="新名称"),
            lambda: services.decision_decide(
                decision=decision, decision_date=D(2026, 3, 4), actor=clerk_a
            ),
            lambda: services.decision_file(decision=decision, actor=clerk_a),
        ):
            with pytest.raises(TransitionNotAllowed):
                attempt()
    stored = MajorDecision.objects.get()
    assert (stored.title, stored.decision_date) == (decision.title, D(2026, 3, 3))


def test_every_transition_is_in_the_audit_trail(legal, clerk_a, category_a):
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 3, 3))
    with at(D(2026, 3, 9)):
        services.decision_file(decision=decision, actor=clerk_a)
    entries = AuditEntry.objects.for_record(decision).order_by("at", "id")
    assert [(e.action, e.actor.username) for e in entries] == [
        ("register", "clerk_a"),
        ("review_passed", "legal"),
        ("decide", "clerk_a"),
        ("attach", "clerk_a"),
        ("file", "clerk_a"),
    ]
    assert notes.render(entries.last().reason) == "按期备案"


# Registration ------------------------------------------------------------------------------


def test_a_case_number_is_unique_within_a_department(clerk_a, category_a, clerk_b, category_b):
    register(clerk_a, category_a, number="宿罚〔2026〕1号")
    register(clerk_b, category_b, number="宿罚〔2026〕1号")  # another department: fine
    with pytest.raises(ValidationError) as error:
        register(clerk_a, category_a, number="宿罚〔2026〕1号")
    assert error.value.message_dict == {"case_number": ["本部门已有该案号的重大行政执法决定。"]}


def test_the_category_must_be_the_departments_own(legal, department_a, category_b):
    with pytest.raises(ValidationError) as error:
        services.decision_register(
            actor=legal,
            department=department_a,
            case_number="1",
            title="t",
            party="p",
            summary="s",
            category=category_b,
        )
    assert error.value.message_dict == {
        "category": ["所属事项必须取自本部门的重大执法决定事项目录。"]
    }


def test_a_clerks_decision_is_always_their_departments(clerk_a, legal, department_b, category_a):
    decision = services.decision_register(
        actor=clerk_a,
        department=department_b,  # ignored: a clerk files for their own department
        case_number="1",
        title="t",
        party="p",
        summary="s",
        category=category_a,
    )
    assert decision.department == clerk_a.department


def test_the_legal_office_must_name_the_department(legal, category_a):
    with pytest.raises(ValidationError) as error:
        services.decision_register(
            actor=legal, case_number="1", title="t", party="p", summary="s", category=category_a
        )
    assert error.value.message_dict == {"department": ["请选择部门。"]}


def test_a_category_no_longer_in_use_is_refused_for_a_new_decision(clerk_a, category_a):
    services.category_update(category=category_a, actor=clerk_a, is_active=False)
    with pytest.raises(ValidationError, match="该事项已停用"):
        register(clerk_a, category_a)


def test_status_queryset_and_property_agree(legal, clerk_a, category_a):
    numbers = iter(range(100))

    def make(made_on, filed_on=None):
        decision = decided(clerk_a, legal, category_a, made_on=made_on, number=str(next(numbers)))
        if filed_on:
            with at(filed_on):
                services.decision_file(decision=decision, actor=clerk_a)

    with at(D(2026, 3, 1)):
        register(clerk_a, category_a, number="x")
    make(D(2026, 3, 3))  # due 3-13, open on 3-13
    make(D(2026, 3, 2))  # due 3-12, overdue on 3-13
    make(D(2026, 3, 2), D(2026, 3, 12))
    make(D(2026, 3, 2), D(2026, 3, 13))
    today = D(2026, 3, 13)
    with at(today):
        for status in MajorDecision.FilingStatus.values:
            by_query = set(MajorDecision.objects.with_filing_status(status, today))
            by_property = {d for d in MajorDecision.objects.all() if d.filing_status == status}
            assert by_query == by_property
            assert len(by_query) == 1, status
