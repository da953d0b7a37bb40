"""Certificates: who may be issued one, the number format and sequence, withhold / restore /
revoke with reasons, the QR code, and the rule certificate_expiry."""

import pytest

from entities.models import EnforcementEntity
from personnel import services
from personnel.models import AuxiliaryStaff, Certificate
from supervision import notes
from supervision.deadlines import run_deadline_checks
from supervision.errors import TransitionNotAllowed
from supervision.models import AuditEntry, Notice
from tests.clock import at

from .conftest import D, certify, citizen_id, make_officer

S = Certificate.Status


def issue_payload(officer, **changes):
    return {"officer": officer.pk, "kind": "enforcement", "expires_on": "2031-06-14", **changes}


def test_the_legal_office_issues_with_the_next_number(api, legal, officer_a, published_a):
    first = api(legal).post("/api/v1/certificates/", issue_payload(officer_a), format="json")
    assert first.status_code == 201, first.json()
    body = first.json()
    assert set(body) >= {"id", "officer", "kind", "number", "issued_on", "expires_on", "status"}
    assert body["number"] == "皖ZFZJJ202600001"
    assert body["issued_on"] == "2026-06-15"
    assert body["status"] == "valid"
    assert body["review_due"] == "2027-03-31"
    other = make_officer(published_a, "李强", 12)
    second = api(legal).post("/api/v1/certificates/", issue_payload(other), format="json").json()
    assert second["number"] == "皖ZFZJJ202600002"
    supervision = (
        api(legal)
        .post("/api/v1/certificates/", issue_payload(other, kind="supervision"), format="json")
        .json()
    )
    assert supervision["number"] == "皖JDZJJ202600001"
    assert (
        AuditEntry.objects.filter(action="create", content_type__model="certificate").count() == 3
    )


def test_the_sequence_restarts_each_year(legal, officer_a, published_a):
    old = certify(officer_a, legal, issued_on=D(2025, 12, 31), reviewed=())
    new = certify(
        make_officer(published_a, "李强", 12), legal, issued_on=D(2026, 1, 1), reviewed=()
    )
    assert (old.number, new.number) == ("皖ZFZJJ202500001", "皖ZFZJJ202600001")


def test_a_number_given_by_the_legal_office_is_checked(api, legal, officer_a):
    wrong = api(legal).post(
        "/api/v1/certificates/", issue_payload(officer_a, number="ZJJ-2026-1"), format="json"
    )
    assert wrong.status_code == 400
    assert wrong.json() == {
        "number": ["证件编号格式为皖ZFZJJ加发证年份和五位顺序号，例如皖ZFZJJ202600001。"]
    }
    right = api(legal).post(
        "/api/v1/certificates/", issue_payload(officer_a, number="皖zfzjj201900077"), format="json"
    )
    assert right.status_code == 201
    assert right.json()["number"] == "皖ZFZJJ201900077"


def test_a_duplicate_number_is_refused(api, legal, certificate_a, published_a):
    other = make_officer(published_a, "李强", 12)
    response = api(legal).post(
        "/api/v1/certificates/", issue_payload(other, number=certificate_a.number), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"number": ["该证件编号已被使用。"]}
    assert not other.certificates.exists()


@pytest.mark.parametrize("expires_on", ["2026-06-15", "2026-06-14"])
def test_the_expiry_must_be_after_the_issue(api, legal, officer_a, expires_on):
    response = api(legal).post(
        "/api/v1/certificates/", issue_payload(officer_a, expires_on=expires_on), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"expires_on": ["有效期截止日须晚于发证日期。"]}
    assert not Certificate.objects.exists()


def test_issuance_refused_for_an_officer_not_on_the_establishment(api, legal, published_a):
    officer = make_officer(published_a, on_establishment=False)
    response = api(legal).post("/api/v1/certificates/", issue_payload(officer), format="json")
    assert response.status_code == 409
    assert response.json() == {"detail": "该人员不在编在岗。"}


@pytest.mark.parametrize(
    "status", [s for s in EnforcementEntity.Status if s != EnforcementEntity.Status.PUBLISHED]
)
def test_issuance_refused_for_an_entity_not_published(api, legal, published_a, status):
    officer = make_officer(published_a)
    EnforcementEntity.objects.filter(pk=published_a.pk).update(status=status)
    response = api(legal).post("/api/v1/certificates/", issue_payload(officer), format="json")
    assert response.status_code == 409
    assert response.json() == {"detail": "所属执法主体“宿州市住房和城乡建设局”未公告。"}


def test_issuance_refused_for_auxiliary_staff(api, legal, officer_a, department_a):
    AuxiliaryStaff.objects.create(
        name=officer_a.name,
        citizen_id=officer_a.citizen_id,
        department=department_a,
        duties="协助巡查",
        contract_starts_on=D(2026, 1, 1),
        contract_ends_on=D(2027, 1, 1),
    )
    response = api(legal).post("/api/v1/certificates/", issue_payload(officer_a), format="json")
    assert response.status_code == 409
    assert response.json() == {"detail": "该人员登记为执法辅助人员，执法辅助人员不得持有执法证件。"}


def test_an_auxiliary_staff_record_cannot_be_issued_through_the_api(api, legal, department_a):
    staff = AuxiliaryStaff.objects.create(
        name="钱进",
        citizen_id=citizen_id(61),
        department=department_a,
        duties="协助巡查",
        contract_starts_on=D(2026, 1, 1),
        contract_ends_on=D(2027, 1, 1),
    )
    response = api(legal).post(
        "/api/v1/certificates/",
        {"auxiliary_staff": staff.pk, "kind": "enforcement", "expires_on": "2030-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["auxiliary_staff"] == ["不接受该字段。"]


def test_one_current_certificate_of_a_kind(api, legal, certificate_a, officer_a):
    response = api(legal).post("/api/v1/certificates/", issue_payload(officer_a), format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["该人员已持有同类有效或暂扣的证件。"]}
    services.certificate_revoke(certificate=certificate_a, actor=legal, reason="调离执法岗位")
    again = api(legal).post("/api/v1/certificates/", issue_payload(officer_a), format="json")
    assert again.status_code == 201


@pytest.mark.parametrize("persona", ["clerk_a", "supervisor"])
def test_only_the_legal_office_issues(api, request, officer_a, persona):
    response = api(request.getfixturevalue(persona)).post(
        "/api/v1/certificates/", issue_payload(officer_a), format="json"
    )
    assert response.status_code == 403


def test_withhold_restore_revoke_with_reasons_each_audited(api, legal, certificate_a):
    url = f"/api/v1/certificates/{certificate_a.pk}"
    client = api(legal)
    assert client.post(f"{url}/withhold/", {}, format="json").json() == {
        "reason": ["该字段是必填项。"]
    }
    withheld = client.post(f"{url}/withhold/", {"reason": "涉嫌违规执法，暂扣待查"}, format="json")
    assert withheld.json()["status"] == "withheld"
    assert withheld.json()["status_reason"] == "涉嫌违规执法，暂扣待查"
    restored = client.post(f"{url}/restore/", {"reason": "经查不属实"}, format="json")
    assert restored.json()["status"] == "valid"
    revoked = client.post(f"{url}/revoke/", {"reason": "调离执法岗位"}, format="json")
    assert revoked.json()["status"] == "revoked"
    entries = AuditEntry.objects.for_record(certificate_a).exclude(action="create").order_by("id")
    assert [(e.action, e.reason) for e in entries] == [
        ("withhold", "涉嫌违规执法，暂扣待查"),
        ("restore", "经查不属实"),
        ("revoke", "调离执法岗位"),
    ]
    assert entries[0].changes[0][0] == "status"


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        (S.WITHHELD, "withhold", "只有有效的证件可以暂扣。"),
        (S.VALID, "restore", "只有暂扣的证件可以恢复。"),
        (S.REVOKED, "revoke", "只有有效或暂扣的证件可以收回。"),
        (S.EXPIRED, "withhold", "只有有效的证件可以暂扣。"),
        (S.EXPIRED, "revoke", "只有有效或暂扣的证件可以收回。"),
    ],
)
def test_a_transition_not_allowed_is_409(api, legal, certificate_a, status, action, message):
    Certificate.objects.filter(pk=certificate_a.pk).update(status=status)
    response = api(legal).post(
        f"/api/v1/certificates/{certificate_a.pk}/{action}/", {"reason": "理由"}, format="json"
    )
    assert response.status_code == 409
    assert response.json() == {"detail": message}


def test_a_withheld_certificate_past_its_expiry_is_not_restored(legal, officer_a):
    certificate = certify(
        officer_a, legal, issued_on=D(2021, 6, 1), expires_on=D(2026, 6, 14), reviewed=()
    )
    services.certificate_withhold(certificate=certificate, actor=legal, reason="暂扣")
    with pytest.raises(TransitionNotAllowed, match="该证件已于2026-06-14到期，请换发新证。"):
        services.certificate_restore(certificate=certificate, actor=legal, reason="恢复")


def test_a_clerk_may_not_withhold(api, clerk_a, certificate_a):
    response = api(clerk_a).post(
        f"/api/v1/certificates/{certificate_a.pk}/withhold/", {"reason": "x"}, format="json"
    )
    assert response.status_code == 403


def test_clerk_b_gets_404(api, browser, clerk_b, certificate_a):
    assert api(clerk_b).get(f"/api/v1/certificates/{certificate_a.pk}/").status_code == 404
    browser.force_login(clerk_b)
    for url in ["", "qr.png", "qr.svg"]:
        assert browser.get(f"/personnel/certificates/{certificate_a.pk}/{url}").status_code == 404
    assert (
        browser.post(
            f"/personnel/certificates/{certificate_a.pk}/withhold/", {"reason": "x"}
        ).status_code
        == 404
    )


def test_the_browser_issues_and_withholds(browser, legal, officer_a):
    browser.force_login(legal)
    page = browser.get(f"/personnel/officers/{officer_a.pk}/certificates/new/").content.decode()
    assert "为王建国发放执法证件" in page
    bad = browser.post(
        f"/personnel/officers/{officer_a.pk}/certificates/new/",
        {"kind": "enforcement", "issued_on": "2026-06-15", "expires_on": "2026-01-01"},
    )
    assert bad.status_code == 400
    assert "有效期截止日须晚于发证日期。" in bad.content.decode()
    response = browser.post(
        f"/personnel/officers/{officer_a.pk}/certificates/new/",
        {"kind": "enforcement", "issued_on": "2026-06-15", "expires_on": "2031-06-14"},
    )
    certificate = Certificate.objects.get()
    assert response["Location"] == f"/personnel/certificates/{certificate.pk}/"
    detail = browser.get(response["Location"]).content.decode()
    assert "证件皖ZFZJJ202600001已发放。" in detail
    assert "证件二维码" in detail
    browser.post(f"/personnel/certificates/{certificate.pk}/withhold/", {"reason": "暂扣待查"})
    certificate.refresh_from_db()
    assert certificate.status == S.WITHHELD


def test_the_qr_code_as_png_and_svg_points_at_the_public_page(
    browser, legal, certificate_a, settings
):
    browser.force_login(legal)
    png = browser.get(f"/personnel/certificates/{certificate_a.pk}/qr.png")
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    svg = browser.get(f"/personnel/certificates/{certificate_a.pk}/qr.svg?download=1")
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content
    assert "attachment" in svg["Content-Disposition"]
    assert browser.get(f"/personnel/certificates/{certificate_a.pk}/qr.gif").status_code == 404
    settings.PUBLIC_SITE_URL = "https://zfjd.example.gov.cn"
    page = browser.get(f"/personnel/certificates/{certificate_a.pk}/").content.decode()
    assert "https://zfjd.example.gov.cn/public/certificates/%E7%9A%96ZFZJJ202500001/" in page


def test_the_certificate_list_filters_and_exports(browser, legal, certificate_a, published_a):
    from io import BytesIO

    from openpyxl import load_workbook

    other = certify(make_officer(published_a, "李强", 12), legal)
    services.certificate_withhold(certificate=other, actor=legal, reason="暂扣")
    browser.force_login(legal)
    page = browser.get("/personnel/certificates/?status=withheld").content.decode()
    assert other.number in page
    assert certificate_a.number not in page
    export = browser.get("/personnel/certificates/?status=withheld&export=xlsx")
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [other.number]
    assert rows[1][7] == "暂扣"
    assert rows[1][9].startswith("否")


# The rule certificate_expiry: a reminder 60 days before; expired the day after, audited.


@pytest.fixture
def expiring(legal, officer_a):
    return certify(
        officer_a, legal, issued_on=D(2021, 9, 1), expires_on=D(2026, 8, 31), reviewed=(2026,)
    )


def notices():
    return list(Notice.objects.filter(rule="certificate_expiry").order_by("id"))


@pytest.mark.parametrize(
    ("day", "kinds"),
    [(D(2026, 7, 1), []), (D(2026, 7, 2), ["reminder"]), (D(2026, 8, 31), ["reminder"])],
)
def test_the_reminder_window_is_60_days(expiring, day, kinds):
    run_deadline_checks(day)
    assert [n.kind for n in notices()] == kinds
    if kinds:
        assert notices()[0].department == expiring.officer.department
        assert notices()[0].subject == "关于王建国执法证件将于2026年8月31日到期的提醒"


def test_expiry_the_day_after_in_one_update_with_audit_entries(expiring, legal, published_a):
    later = certify(
        make_officer(published_a, "李强", 12),
        legal,
        issued_on=D(2021, 9, 1),
        expires_on=D(2026, 9, 1),
        reviewed=(),
    )
    run_deadline_checks(D(2026, 8, 31))
    expiring.refresh_from_db()
    assert expiring.status == S.VALID  # valid through its last day
    with at(D(2026, 9, 1)):
        results = {r.rule: r for r in run_deadline_checks(D(2026, 9, 1))}
    assert results["certificate_expiry"].acted == 1
    expiring.refresh_from_db()
    later.refresh_from_db()
    assert expiring.status == S.EXPIRED
    assert later.status == S.VALID
    entry = AuditEntry.objects.for_record(expiring).get(action="expire")
    assert entry.actor is None
    assert entry.after["status"] == "expired"
    assert notes.render(entry.reason) == "证件有效期已届满。"
    assert [n.kind for n in notices()] == ["reminder", "reminder", "overdue"]
    assert notices()[-1].subject == "关于王建国执法证件已过期的通知"
    again = {r.rule: r for r in run_deadline_checks(D(2026, 9, 1))}
    assert again["certificate_expiry"].acted == 0
    assert len(notices()) == 3
    assert AuditEntry.objects.for_record(expiring).filter(action="expire").count() == 1


def test_one_reminder_per_department_and_month_lists_its_certificates(expiring, legal, published_a):
    """A province has tens of thousands of certificates expiring in a season: one reminder per
    department and month of expiry, when the month's first comes within 60 days, lists them all."""
    for n, (name, last_day) in enumerate([("李强", D(2026, 8, 20)), ("赵敏", D(2026, 10, 5))]):
        certify(
            make_officer(published_a, name, 12 + n),
            legal,
            issued_on=D(2021, 9, 1),
            expires_on=last_day,
            reviewed=(),
        )
    run_deadline_checks(D(2026, 6, 22))  # 60 days before 21 August: the August one is due
    (august,) = notices()
    assert august.subject == "关于2本执法证件将于2026年8月到期的提醒"
    assert august.body.split("\n")[1:] == [
        "1. 李强，行政执法证（证号皖ZFZJJ202100002），有效期至2026年8月20日",
        "2. 王建国，行政执法证（证号皖ZFZJJ202100001），有效期至2026年8月31日",
    ]
    run_deadline_checks(D(2026, 7, 2))
    assert len(notices()) == 1  # August is told once; October is not due yet
    run_deadline_checks(D(2026, 8, 6))
    assert notices()[-1].subject == "关于赵敏执法证件将于2026年10月5日到期的提醒"
    with at(D(2026, 8, 21)):
        run_deadline_checks(D(2026, 8, 21))
    assert notices()[-1].subject == "关于李强执法证件已过期的通知"
    assert len(notices()) == 3


def test_withheld_and_revoked_certificates_are_not_expired_nor_reminded(legal, expiring):
    services.certificate_withhold(certificate=expiring, actor=legal, reason="暂扣")
    run_deadline_checks(D(2026, 9, 5))
    expiring.refresh_from_db()
    assert expiring.status == S.WITHHELD
    assert notices() == []


def test_long_expired_certificates_are_not_announced_again(legal, officer_a):
    old = certify(officer_a, legal, issued_on=D(2020, 1, 1), expires_on=D(2025, 1, 1), reviewed=())
    run_deadline_checks(D(2026, 6, 15))
    old.refresh_from_db()
    assert old.status == S.EXPIRED  # marked, but its expiry long ago is not news
    assert notices() == []


def test_an_officer_with_both_kinds_shows_once_per_certificate(
    browser, client, legal, certificate_a, officer_a
):
    supervision = certify(officer_a, legal, kind=Certificate.Kind.SUPERVISION)
    browser.force_login(legal)
    page = browser.get("/personnel/certificates/").content.decode()
    assert certificate_a.number in page
    assert supervision.number in page
    assert page.count("可以执法") == 2
    found = client.get("/api/v1/public/certificates/", {"name": officer_a.name}).json()
    assert sorted(c["kind"] for c in found) == ["enforcement", "supervision"]
    assert all(c["may_enforce"] for c in found)
