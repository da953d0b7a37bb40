"""One journey per role in Chromium, axe-core finding nothing serious or critical on the pages
they visit: a clerk registers an entity and submits it; the legal office
finds it through the grouped navigation (by keyboard), publishes it through the confirmation
dialog (Escape cancels, the keyboard confirms) and reads the step in the audit trail; an invited
supervisor reads the officers, and does a quarter's work (an activity, the written report with an
attachment and a problem, filed through the confirmation dialog); the administrator filters the
trail in place; the public verifies a certificate on a phone."""

import re

import pytest

from entities.models import EnforcementEntity
from supervision.models import AuditEntry
from tests.factories import CertificateFactory, EnforcementEntityFactory
from tests.samples import PDF

pytestmark = pytest.mark.django_db(transaction=True)


def expect_text(page, text):
    page.wait_for_selector(f"text={text}")


def test_a_clerk_registers_an_entity_and_submits_it(open_browser, accessible, clerk_a, tmp_path):
    document = tmp_path / "三定方案.pdf"
    document.write_bytes(PDF)
    page = open_browser(clerk_a)
    page.goto("/entities/new/")
    accessible(page)
    page.fill("[name=name]", "宿州市住房和城乡建设局综合执法支队")
    page.select_option("[name=kind]", "statutory")
    page.fill("[name=legal_basis]", "《城乡规划法》第五十三条")
    page.set_input_files("[name=establishment_document]", str(document))
    page.locator("form.card button[type=submit]").click()
    expect_text(page, "宿州市住房和城乡建设局综合执法支队")
    page.get_by_role("button", name=re.compile("^提交")).click()
    page.wait_for_load_state()
    entity = EnforcementEntity.objects.get(name="宿州市住房和城乡建设局综合执法支队")
    assert entity.status == EnforcementEntity.Status.SUBMITTED
    history = page.locator("table.history").inner_text()
    assert "报送" in history
    assert "clerk_a（部门填报员）" in history
    accessible(page)
    page.goto("/cases/decisions/")
    accessible(page)


def test_the_legal_office_publishes_after_confirming(open_browser, accessible, legal, department_a):
    entity = EnforcementEntityFactory(
        department=department_a, name="某执法大队", status=EnforcementEntity.Status.APPROVED
    )
    page = open_browser(legal)
    page.goto("/")
    accessible(page)
    # the navigation fits one line at 1366 px
    tops = page.eval_on_selector_all(
        ".mainnav > a, .mainnav > details", "els => els.map(e => e.getBoundingClientRect().top)"
    )
    assert len(tops) >= 5
    assert max(tops) - min(tops) < 4
    # a group opens from the keyboard and its links are reachable
    page.locator(".mainnav summary", has_text="主体与人员").focus()
    page.keyboard.press("Enter")
    page.locator(".navmenu").get_by_role("link", name="执法主体").click()
    page.get_by_role("link", name="某执法大队").click()

    accessible(page)
    dialog = page.locator("dialog.confirm-dialog")
    page.get_by_role("button", name="公告", exact=True).click()
    assert dialog.is_visible()
    assert "公告不能撤回" in dialog.inner_text()
    assert page.evaluate("document.activeElement.textContent") == "取消"
    accessible(page)  # with the dialog open
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    entity.refresh_from_db()
    assert entity.status == EnforcementEntity.Status.APPROVED

    page.get_by_role("button", name="公告", exact=True).click()
    page.keyboard.press("Tab")  # from 取消 to 确定公告
    page.keyboard.press("Enter")
    page.wait_for_selector(".messages")
    entity.refresh_from_db()
    assert entity.status == EnforcementEntity.Status.PUBLISHED

    page.goto("/audit/?action=publish")
    accessible(page)
    row = page.locator("table.audit tbody tr").first.inner_text()
    assert "某执法大队" in row
    assert "状态：已批准 → 已公告" in row or "已公告" in row


def test_an_invited_supervisor_reads_the_officers(
    open_browser, accessible, supervisor, department_a
):
    CertificateFactory(officer__department=department_a, officer__name="王五")
    page = open_browser(supervisor)
    page.goto("/personnel/officers/")
    accessible(page)
    assert page.locator("h1").inner_text()
    groups = page.locator(".mainnav summary").all_inner_texts()
    assert "主体与人员" in groups
    # Their supervision group holds what main opened to them (case-file evaluations), not the
    # legal office's own pages (the audit trail, holiday schedules).
    assert "执法监督" in groups
    links = page.locator(".mainnav .navmenu a").all_text_contents()
    assert "案卷评查" in links
    assert "操作日志" not in links
    assert "节假日安排" not in links


def test_the_legal_office_filters_the_trail_in_place(open_browser, accessible, legal, department_a):
    EnforcementEntityFactory(department=department_a, name="甲主体")
    from django.db import transaction

    from supervision import audit

    with transaction.atomic():
        entity = EnforcementEntity.objects.get(name="甲主体")
        audit.record(entity, action="create", actor=legal, after=audit.snapshot(entity))
        audit.record(department_a, action="change", actor=legal, before={}, after={})
    page = open_browser(legal)
    page.goto("/audit/")
    accessible(page)
    # The two entries, and the security events of the legal office's own login.
    assert page.locator("table.audit tbody tr").count() == AuditEntry.objects.count() > 2
    page.select_option("[name=record_type]", "entities.enforcemententity")
    page.wait_for_url(re.compile(r"record_type=entities\.enforcemententity"))
    page.wait_for_function("document.querySelectorAll('table.audit tbody tr').length === 1")
    assert "甲主体" in page.locator("table.audit tbody").inner_text()
    assert "record_type=entities.enforcemententity" in page.locator("#export-link").get_attribute(
        "href"
    )


def test_the_public_verifies_a_certificate_on_a_phone(open_browser, accessible, department_a):
    certificate = CertificateFactory(officer__department=department_a, officer__name="赵六")
    page = open_browser(viewport=(390, 844), mobile=True)
    page.goto(f"/public/certificates/{certificate.number}/")
    expect_text(page, "赵六")
    assert certificate.number in page.content()
    accessible(page)
    header = page.locator("header").first.bounding_box()
    assert header["height"] < 0.15 * 844, header


def test_a_decision_is_registered_by_the_clerk_and_reviewed_by_the_legal_office(
    open_browser, accessible, clerk_a, legal, department_a
):
    from cases.models import MajorDecision
    from tests.factories import MajorDecisionCategoryFactory

    MajorDecisionCategoryFactory(department=department_a)
    clerk = open_browser(clerk_a)
    clerk.goto("/cases/decisions/new/")
    accessible(clerk)
    clerk.fill("[name=case_number]", "宿建罚〔2026〕12号")
    clerk.fill("[name=title]", "对某公司违法建设处以罚款")
    clerk.fill("[name=party]", "某建设有限公司")
    clerk.select_option("[name=category]", index=1)
    clerk.fill("[name=summary]", "擅自施工，拟罚款三十万元。")
    clerk.get_by_role("button", name=re.compile("^登记")).click()
    clerk.wait_for_selector("h1:has-text('对某公司违法建设处以罚款')")
    decision = MajorDecision.objects.get(case_number="宿建罚〔2026〕12号")

    office = open_browser(legal)
    office.goto(f"/cases/decisions/{decision.pk}/")
    accessible(office)
    office.check("[name=result][value=passed]")
    office.fill("[name=opinion]", "程序合法，事实清楚。")
    office.get_by_role("button", name="提交审核结果").click()
    office.wait_for_selector(".messages")
    decision.refresh_from_db()
    assert decision.review_status == "passed"
    history = office.locator("table.history").inner_text()
    assert "法制审核通过" in history
    accessible(office)


def test_a_notice_is_read_and_answered(open_browser, accessible, clerk_a, legal, department_a):
    import datetime

    from django.db import transaction

    from supervision import notices
    from supervision.models import Notice

    with transaction.atomic():
        notices.issue(
            [
                notices.NoticeDraft(
                    kind="overdue",
                    department_id=department_a.pk,
                    object_key="journey-1",
                    subject="关于重大行政执法决定逾期未备案的通知",
                    body="你单位重大行政执法决定未在规定期限内报送备案。\n请立即报送。",
                    due_date=datetime.date(2026, 3, 13),
                )
            ],
            rule="decision_filing",
            day=datetime.date(2026, 3, 16),
        )
    notice = Notice.objects.get()
    clerk = open_browser(clerk_a)
    clerk.goto("/notices/")
    accessible(clerk)
    clerk.get_by_role("link", name=notice.number).click()
    accessible(clerk)
    clerk.get_by_role("button", name="标记为已阅").click()
    clerk.wait_for_selector(".messages")
    clerk.fill("[name=text]", "已于3月17日补报备案。")
    clerk.get_by_role("button", name="提交回复").click()
    clerk.wait_for_selector(".messages")
    notice.refresh_from_db()
    assert notice.read_at is not None
    office = open_browser(legal)
    office.goto(f"/notices/{notice.pk}/")
    assert "已于3月17日补报备案。" in office.locator("main").inner_text()
    accessible(office)


def test_without_javascript_the_box_confirms_the_step(open_browser, legal, department_a):
    entity = EnforcementEntityFactory(
        department=department_a, name="某执法中队", status=EnforcementEntity.Status.APPROVED
    )
    page = open_browser(legal, javascript=False)
    page.goto(f"/entities/{entity.pk}/")
    box = page.get_by_label(re.compile("我已知晓"))
    assert box.is_visible()
    assert not page.locator("dialog.confirm-dialog").is_visible()
    page.get_by_role("button", name="公告", exact=True).click()  # the browser asks for the box
    entity.refresh_from_db()
    assert entity.status == EnforcementEntity.Status.APPROVED
    box.check()
    page.get_by_role("button", name="公告", exact=True).click()
    page.wait_for_selector(".messages")
    entity.refresh_from_db()
    assert entity.status == EnforcementEntity.Status.PUBLISHED


def test_the_public_follows_a_complaint_and_an_objection_by_code(open_browser, accessible):
    """The look-up forms post from pages that send no address to other sites: the browser must
    still send the page's own origin, or the CSRF check refuses the look-up (it did)."""
    page = open_browser()
    for url, code in (
        ("/public/complaints/track/", "TS-" + "-".join(["0000"] * 7)),
        ("/public/objections/", "YY-" + "-".join(["0000"] * 7)),
    ):
        page.goto(url)
        accessible(page)
        page.fill("input[name=code]", code)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        assert "CSRF" not in page.content()
        assert "403" not in page.title()
        assert page.locator("input[name=code]").count() == 1


def test_an_invited_supervisor_does_the_quarters_work(
    open_browser, accessible, legal, supervisor, department_a, tmp_path
):
    from supervision import calendar
    from supervisors import services
    from supervisors.models import QuarterlyReport

    today = calendar.today()
    services.profile_save(
        supervisor=supervisor,
        actor=legal,
        appointed_from=today.replace(year=today.year - 1),
        appointed_to=today.replace(year=today.year + 2),
        contact_departments=[department_a],
    )
    photo = tmp_path / "现场照片.pdf"
    photo.write_bytes(PDF)
    page = open_browser(supervisor)
    page.goto("/")
    accessible(page)
    assert "我的季度工作" in page.locator("main").inner_text()
    page.get_by_role("link", name="登记监督活动").first.click()
    accessible(page)
    page.fill("[name=held_on]", today.isoformat())
    page.select_option("[name=department]", str(department_a.pk))
    page.select_option("[name=kind]", "on_site")
    page.fill("[name=observations]", "随同执法人员检查建筑工地，程序规范。")
    page.locator("form.card button[type=submit]").click()
    expect_text(page, "随同执法人员检查建筑工地")
    accessible(page)
    page.fill("[name=text]", "本季度赴住建局执法一线监督一次，发现问题一项。")
    page.get_by_role("button", name="保存报告").click()
    page.wait_for_selector(".messages")
    page.set_input_files("[name=files]", str(photo))
    page.get_by_role("button", name="添加附件").click()
    expect_text(page, "现场照片.pdf")
    page.select_option("[name=department]", str(department_a.pk))
    page.fill("[name=description]", "现场笔录未由当事人签字确认。")
    page.get_by_role("button", name="添加问题").click()
    expect_text(page, "现场笔录未由当事人签字确认")
    accessible(page)
    page.get_by_role("button", name="报送季度报告").click()
    dialog = page.locator("dialog.confirm-dialog")
    assert dialog.is_visible()
    dialog.get_by_role("button", name=re.compile("^确定")).click()
    page.wait_for_selector(".messages")
    report = QuarterlyReport.objects.get(supervisor=supervisor)
    assert report.status == QuarterlyReport.Status.SUBMITTED
    assert report.submitted_on == calendar.today()
    assert "已报送，审核中" in page.locator("main").inner_text()


def test_the_legal_office_receives_a_filed_decision(open_browser, accessible, clerk_a, legal):
    import datetime

    from django.utils import timezone

    from cases import services
    from tests.cases.conftest import decided

    category = services.category_create(
        actor=clerk_a, title="较大数额罚款", criteria="20万元以上。"
    )
    made_on = timezone.localdate() - datetime.timedelta(days=3)
    decision = decided(clerk_a, legal, category, made_on=made_on)
    services.decision_file(decision=decision, actor=clerk_a)
    page = open_browser(legal)
    page.goto(decision.get_absolute_url())
    expect_text(page, "备案审查")
    accessible(page)
    page.get_by_role("button", name="接收备案").click()
    expect_text(page, "备案已接收。")
    decision.refresh_from_db()
    assert decision.receipt == "received"
    accessible(page)
