"""can_enforce(officer, on): every condition on its edges, the grace date, the extension point,
and a list of officers computed with a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entities.models import EnforcementEntity
from personnel import services
from personnel.models import Certificate
from personnel.selectors import annotate_enforcement, can_enforce
from supervision import eligibility

from .conftest import D, certify, make_officer


def test_a_certified_officer_may_enforce(certificate_a, officer_a):
    assert can_enforce(officer_a) == (True, [])


def test_no_certificate(officer_a):
    assert can_enforce(officer_a) == (False, ["未持有行政执法证。"])


def test_a_supervision_certificate_does_not_allow_enforcement(legal, officer_a):
    certify(officer_a, legal, kind=Certificate.Kind.SUPERVISION)
    assert can_enforce(officer_a) == (False, ["未持有行政执法证。"])


def test_not_on_the_establishment(certificate_a, officer_a):
    officer_a.on_establishment = False
    officer_a.save()
    assert can_enforce(officer_a) == (False, ["该人员不在编在岗。"])


@pytest.mark.parametrize("status", ["draft", "submitted", "approved", "rejected", "revoked"])
def test_entity_not_published(certificate_a, officer_a, status):
    EnforcementEntity.objects.filter(pk=officer_a.entity_id).update(status=status)
    officer_a.refresh_from_db()
    assert can_enforce(officer_a) == (False, ["所属执法主体“宿州市住房和城乡建设局”未公告。"])


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("withheld", "行政执法证皖ZFZJJ202500001已被暂扣。"),
        ("revoked", "行政执法证皖ZFZJJ202500001已被收回。"),
        ("expired", "行政执法证皖ZFZJJ202500001已于2030年2月28日过期。"),
    ],
)
def test_certificate_not_valid(certificate_a, officer_a, status, reason):
    Certificate.objects.filter(pk=certificate_a.pk).update(status=status)
    assert can_enforce(officer_a) == (False, [reason])


def test_a_valid_certificate_counts_through_its_last_day_not_after(legal, officer_a):
    certify(officer_a, legal, issued_on=D(2021, 7, 1), expires_on=D(2026, 6, 30))
    assert can_enforce(officer_a, D(2026, 6, 30))[0] is True
    # still "valid" in status (the nightly rule has not run), expired by its date
    assert can_enforce(officer_a, D(2026, 7, 1)) == (
        False,
        ["行政执法证皖ZFZJJ202100001已于2026年6月30日过期。"],
    )


def test_a_certificate_issued_later_is_not_valid_yet(legal, officer_a):
    certify(officer_a, legal, issued_on=D(2026, 7, 1), reviewed=())
    assert can_enforce(officer_a, D(2026, 6, 30)) == (
        False,
        ["行政执法证皖ZFZJJ202600001自2026年7月1日起有效。"],
    )


# The annual review. 31 March 2026 is a Tuesday, a working day: the grace date itself.


@pytest.fixture
def unreviewed(legal, officer_a):
    return certify(officer_a, legal, issued_on=D(2025, 3, 1), reviewed=())


def test_before_and_on_the_grace_date_last_years_standing_holds(unreviewed, officer_a):
    assert unreviewed.review_due == D(2026, 3, 31)
    assert can_enforce(officer_a, D(2026, 1, 5))[0] is True
    assert can_enforce(officer_a, D(2026, 3, 31))[0] is True


def test_the_day_after_the_grace_date_a_passed_review_is_needed(unreviewed, officer_a, legal):
    assert can_enforce(officer_a, D(2026, 4, 1)) == (
        False,
        ["未通过2026年度年审注册（期限为2026年3月31日）。"],
    )
    services.annual_review_record(certificate=unreviewed, year=2026, result="passed", actor=legal)
    assert can_enforce(officer_a, D(2026, 4, 1)) == (True, [])
    unreviewed.refresh_from_db()
    assert unreviewed.review_due == D(2027, 3, 31)


def test_a_failed_review_stops_enforcement_at_once(unreviewed, officer_a, legal):
    services.annual_review_record(certificate=unreviewed, year=2026, result="failed", actor=legal)
    assert can_enforce(officer_a, D(2026, 3, 1)) == (False, ["2026年度年审注册未通过。"])
    unreviewed.refresh_from_db()
    assert unreviewed.review_due == D(2026, 3, 31)  # a failed review moves nothing


def test_a_certificate_issued_this_year_needs_no_review_this_year(legal, officer_a):
    certificate = certify(officer_a, legal, issued_on=D(2026, 5, 1), reviewed=())
    assert certificate.review_due == D(2027, 3, 31)
    assert can_enforce(officer_a, D(2026, 12, 31))[0] is True


def test_the_grace_date_comes_from_settings(settings, legal, officer_a):
    settings.ANNUAL_REVIEW_GRACE_DATE = "06-30"
    certificate = certify(officer_a, legal, issued_on=D(2025, 3, 1), reviewed=())
    assert certificate.review_due == D(2026, 6, 30)
    assert can_enforce(officer_a, D(2026, 6, 30))[0] is True
    assert can_enforce(officer_a, D(2026, 7, 1))[0] is False


def test_a_grace_date_on_a_holiday_moves_to_the_next_working_day(settings, legal, officer_a):
    settings.ANNUAL_REVIEW_GRACE_DATE = "10-01"  # National Day, 2026: 1-7 October off
    certificate = certify(officer_a, legal, issued_on=D(2025, 3, 1), reviewed=())
    assert certificate.review_due == D(2026, 10, 8)
    assert can_enforce(officer_a, D(2026, 10, 8))[0] is True
    assert can_enforce(officer_a, D(2026, 10, 9))[0] is False


def test_several_reasons_are_all_given(legal, officer_a):
    certificate = certify(officer_a, legal)
    services.certificate_withhold(certificate=certificate, actor=legal, reason="暂扣")
    officer_a.on_establishment = False
    officer_a.save()
    EnforcementEntity.objects.filter(pk=officer_a.entity_id).update(status="revoked")
    officer_a.refresh_from_db()
    allowed, reasons = can_enforce(officer_a)
    assert allowed is False
    assert reasons == [
        "该人员不在编在岗。",
        "所属执法主体“宿州市住房和城乡建设局”未公告。",
        "行政执法证皖ZFZJJ202500001已被暂扣。",
    ]


def test_another_app_registers_a_check_without_personnel_importing_it(certificate_a, officer_a):
    """The extension point training (issue 5) uses: a registered check, prepared once per list."""
    prepared = []

    @eligibility.register
    class HoursCheck(eligibility.EligibilityCheck):
        name = "test_training"

        def prepare(self, officers, on):
            prepared.append(len(officers))
            for officer in officers:
                self.remember(officer, 12)

        def enforcement_reasons(self, officer, on):
            return ["培训学时不足40学时。"] if self.recalled(officer) < 40 else []

        def issuance_reasons(self, officer, on):
            return ["培训学时不足40学时。"]

        def review_reasons(self, officer, year):
            return ["培训考核未通过。"]

    try:
        assert can_enforce(officer_a) == (False, ["培训学时不足40学时。"])
        annotate_enforcement([officer_a, officer_a])
        assert prepared == [1, 2]
        assert services.issuance_refusals(officer_a) == ["培训学时不足40学时。"]
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as refused:
            services.annual_review_record(
                certificate=certificate_a, year=2027, result="passed", actor=_legal()
            )
        assert refused.value.message_dict == {"year": ["培训考核未通过。"]}
    finally:
        eligibility._registry[:] = [c for c in eligibility._registry if c.name != "test_training"]
    assert can_enforce(officer_a) == (True, [])


def _legal():
    from supervision.models import User

    return User.objects.get(username="legal")


def test_a_list_costs_a_fixed_number_of_queries(legal, published_a):
    officers = []
    for n in range(30):
        officer = make_officer(published_a, f"人员{n}", 200 + n)
        if n % 3:
            certify(officer, legal)
        officers.append(officer)
    from personnel.models import Officer

    def run(count):
        listed = list(Officer.objects.select_related("entity").order_by("id")[:count])
        with CaptureQueriesContext(connection) as queries:
            annotate_enforcement(listed)
        return len(queries), [o.may_enforce for o in listed]

    few, few_answers = run(3)
    many, many_answers = run(30)
    assert few == many == 1  # certificates, each with whether this year's review failed
    assert many_answers == [bool(n % 3) for n in range(30)]
    assert few_answers == many_answers[:3]


def test_the_default_day_is_today_in_shanghai(legal, officer_a):
    certify(officer_a, legal, issued_on=D(2021, 6, 16), expires_on=D(2026, 6, 15))
    assert can_enforce(officer_a)[0] is True
    assert can_enforce(officer_a, D(2026, 6, 15) + datetime.timedelta(days=1))[0] is False
