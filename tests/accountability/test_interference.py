"""Interference records (clause 23): recorded by a member of the legal office or an invited
supervisor, seen only by the heads of the legal office and the person who made them (every other
role and the office's ordinary staff get 404), every view audited, reported under a number of the
office's own as a PDF that does not name the reporter."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pypdf import PdfReader

from accountability import services
from accountability.models import InterferenceRecord
from supervision.errors import TransitionNotAllowed
from supervision.models import AuditEntry
from tests.clock import at, moment
from tests.factories import LegalStaffFactory
from tests.samples import PDF

from .conftest import D


def record_by(user, **values):
    with at(D(2026, 3, 10)):
        return services.interference_record(
            actor=user,
            official_name=values.pop("official_name", "赵某"),
            official_post="副局长",
            official_unit="宿州市某局",
            occurred_at=moment(D(2026, 3, 9), 15),
            manner=InterferenceRecord.Manner.PHONE,
            request="要求撤回对某公司的执法监督意见。",
            **values,
        )


@pytest.fixture
def staff(legal_department):
    """An ordinary member of the city's legal office (not a head)."""
    return LegalStaffFactory(username="staff", department=legal_department)


@pytest.fixture
def reported_by_supervisor(supervisor):
    return record_by(supervisor)


def test_only_the_heads_and_the_reporter_see_a_record(
    browser,
    api,
    reported_by_supervisor,
    head,
    supervisor,
    second_supervisor,
    staff,
    legal,
    clerk_a,
    admin_user,
    county_head,
):
    record = reported_by_supervisor
    url = f"/accountability/interference/{record.pk}/"
    for user in (head, supervisor):
        browser.force_login(user)
        assert browser.get(url).status_code == 200, user
        assert "副局长" in browser.get("/accountability/interference/").content.decode()
        assert api(user).get(f"/api/v1/interference-records/{record.pk}/").status_code == 200
    for user in (second_supervisor, staff, legal, clerk_a, admin_user, county_head):
        browser.force_login(user)
        assert browser.get(url).status_code == 404, user
        assert browser.get(f"{url}pdf/").status_code == 404, user
        listed = browser.get("/accountability/interference/")
        assert listed.status_code == 404 or "副局长" not in listed.content.decode(), user
        export = browser.get("/accountability/interference/?export=xlsx")
        assert (
            export.status_code == 404
            or load_workbook(io.BytesIO(export.content)).active.max_row <= 2
        )
        assert api(user).get(f"/api/v1/interference-records/{record.pk}/").status_code == 404
    assert api(clerk_a).get("/api/v1/interference-records/").status_code == 404
    assert api().get("/api/v1/interference-records/").status_code in (401, 403)


def test_every_view_is_audited_without_naming_anyone(browser, api, reported_by_supervisor, head):
    record = reported_by_supervisor
    browser.force_login(head)
    browser.get(f"/accountability/interference/{record.pk}/")
    api(head).get(f"/api/v1/interference-records/{record.pk}/")
    views = AuditEntry.objects.for_record(record).filter(action="view")
    assert [entry.actor_id for entry in views] == [head.pk, head.pk]
    for entry in AuditEntry.objects.for_record(record):
        assert "赵某" not in str(entry.after)
        assert "赵某" not in entry.object_repr
        assert "recorded_by" not in (entry.after or {})


def test_the_head_reports_it_under_the_offices_own_numbers(
    browser, reported_by_supervisor, head, supervisor, legal
):
    with at(D(2026, 3, 11)):
        with pytest.raises(PermissionDenied):
            services.interference_report(record=reported_by_supervisor, actor=supervisor)
        first = services.interference_report(record=reported_by_supervisor, actor=head)
        second = services.interference_report(record=record_by(legal), actor=head)
        with pytest.raises(TransitionNotAllowed):
            services.interference_report(record=first, actor=head)
    assert first.report_number == "宿法监通干预〔2026〕1号"
    assert second.report_number == "宿法监通干预〔2026〕2号"
    browser.force_login(head)
    response = browser.get(f"/accountability/interference/{first.pk}/pdf/")
    assert response.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = text.replace(" ", "").replace("\n", "")
    assert "宿法监通干预〔2026〕1号" in text
    assert "关于领导干部干预执法监督活动情况的报告" in text
    assert "宿州市人民政府、宿州市监察委员会" in text
    assert "宿州市某局副局长赵某以打电话方式干预" in text
    assert "2026年3月11日" in text
    assert supervisor.username not in text


def test_the_head_records_the_response(browser, reported_by_supervisor, head):
    browser.force_login(head)
    url = f"/accountability/interference/{reported_by_supervisor.pk}/"
    early = browser.post(f"{url}respond/", {"response": "已处理"})
    assert early.status_code == 409
    with at(D(2026, 3, 11)):
        browser.post(f"{url}report/")
    assert browser.post(f"{url}respond/", {"response": ""}).status_code == 400
    with at(D(2026, 3, 20)):
        response = browser.post(
            f"{url}respond/",
            {"response": "市监察委员会已约谈赵某。", "accountability": "诫勉谈话"},
            follow=True,
        )
    assert "处理回复已登记。" in response.content.decode()
    reported_by_supervisor.refresh_from_db()
    assert reported_by_supervisor.status == InterferenceRecord.Status.CLOSED


def test_who_may_record(browser, api, clerk_a, staff, supervisor):
    browser.force_login(clerk_a)
    assert browser.get("/accountability/interference/new/").status_code == 404
    with pytest.raises(PermissionDenied):
        record_by(clerk_a)
    browser.force_login(staff)
    with at(D(2026, 3, 10)):
        response = browser.post(
            "/accountability/interference/new/",
            {
                "official_name": "钱某",
                "official_post": "局长",
                "official_unit": "宿州市某局",
                "occurred_at": "2026-03-09T09:30",
                "manner": "note",
                "request": "写条子要求从轻处理。",
                "evidence": SimpleUploadedFile("条子.pdf", PDF, content_type="application/pdf"),
            },
            follow=True,
        )
    assert "干预情况已记录。" in response.content.decode()
    record = InterferenceRecord.objects.get()
    assert record.recorded_by == staff
    assert record.evidence.name.startswith("private/accountability/interference/")
    assert browser.get(f"/accountability/interference/{record.pk}/evidence/").status_code == 200
    with at(D(2026, 3, 10)):
        future = api(supervisor).post(
            "/api/v1/interference-records/",
            {
                "official_name": "孙某",
                "official_post": "主任",
                "official_unit": "某办",
                "occurred_at": "2026-03-11T09:00:00+08:00",
                "manner": "phone",
                "request": "打招呼",
            },
            format="json",
        )
    assert future.status_code == 400
    assert future.json() == {"occurred_at": ["干预时间不能晚于现在。"]}
    assert InterferenceRecord.objects.count() == 1


def test_the_citys_heads_see_a_countys_record_but_do_not_report_it(county_legal, head, county_head):
    record = record_by(county_legal)
    assert record.jurisdiction.code == "341321"
    assert InterferenceRecord.objects.for_user(head).filter(pk=record.pk).exists()
    assert InterferenceRecord.objects.for_user(county_head).filter(pk=record.pk).exists()
    with at(D(2026, 3, 11)):
        with pytest.raises(PermissionDenied):
            services.interference_report(record=record, actor=head)
        reported = services.interference_report(record=record, actor=county_head)
    assert reported.report_number == "砀法监通干预〔2026〕1号"
