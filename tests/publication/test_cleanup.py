"""Periodic clean-up of normative documents (定期清理): the office lists every document in force of
its own level, each department marks each kept, amended or repealed with reasons by the due date,
and the published result takes the repealed ones off the public list."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publication import services
from publication.models import CleanupItem
from supervision.deadlines import run_deadline_checks
from supervision.errors import TransitionNotAllowed
from supervision.models import Notice
from tests.clock import at

from .conftest import D, register_document

pytestmark = pytest.mark.django_db


def filed(clerk, number, legal=None):
    with at(D(2026, 9, 2)):
        document = register_document(clerk, number=number, title=f"文件{number}")
        document = services.document_file(document=document, actor=clerk)
    if legal is not None:
        document = services.document_review(document=document, actor=legal, result="no_problem")
    return document


@pytest.fixture
def campaign(legal, clerk_a, clerk_b, county_clerk):
    filed(clerk_a, "宿建规〔2026〕1号", legal)
    filed(clerk_a, "宿建规〔2026〕2号", legal)
    filed(clerk_b, "宿交规〔2026〕1号")
    filed(county_clerk, "砀建规〔2026〕1号")  # another level: not listed
    with at(D(2026, 11, 2)):
        return services.cleanup_open(actor=legal, title="2026年规范性文件清理", due=D(2026, 11, 30))


def test_the_campaign_lists_the_documents_in_force_of_its_own_level(campaign):
    numbers = sorted(campaign.items.values_list("document__number", flat=True))
    assert numbers == ["宿交规〔2026〕1号", "宿建规〔2026〕1号", "宿建规〔2026〕2号"]


def test_decide_then_publish_repeals(client, campaign, clerk_a, clerk_b, legal):
    items = {i.document.number: i for i in campaign.items.select_related("document")}
    with pytest.raises(PermissionDenied):
        services.cleanup_decide(
            item=items["宿建规〔2026〕1号"], actor=clerk_b, decision="keep", reasons="x"
        )
    with pytest.raises(ValidationError) as no_reasons:
        services.cleanup_decide(
            item=items["宿建规〔2026〕1号"], actor=clerk_a, decision="keep", reasons=""
        )
    assert no_reasons.value.message_dict == {"reasons": ["请填写理由。"]}
    services.cleanup_decide(
        item=items["宿建规〔2026〕1号"], actor=clerk_a, decision="keep", reasons="仍然适用。"
    )
    services.cleanup_decide(
        item=items["宿建规〔2026〕2号"], actor=clerk_a, decision="repeal", reasons="上位法已废止。"
    )
    with pytest.raises(TransitionNotAllowed) as early:
        services.cleanup_publish(campaign=campaign, actor=legal)
    assert str(early.value.message) == "尚有1件文件未作出清理结论，不能公布结果。"
    services.cleanup_decide(
        item=items["宿交规〔2026〕1号"], actor=clerk_b, decision="amend", reasons="需修改第三条。"
    )
    with at(D(2026, 12, 1)):
        services.cleanup_publish(campaign=campaign, actor=legal)
    repealed = items["宿建规〔2026〕2号"].document
    repealed.refresh_from_db()
    assert repealed.repealed_on == D(2026, 12, 1)
    listed = client.get("/public/normative-documents/").content.decode()
    assert "文件宿建规〔2026〕1号" in listed
    assert "文件宿建规〔2026〕2号" not in listed
    result = client.get("/public/normative-documents/cleanups/").content.decode()
    assert "上位法已废止。" in result
    with pytest.raises(TransitionNotAllowed):
        services.cleanup_decide(
            item=items["宿建规〔2026〕1号"], actor=clerk_a, decision="repeal", reasons="x"
        )


def test_only_the_office_of_the_level_publishes(campaign, county_legal):
    with pytest.raises(PermissionDenied):
        services.cleanup_publish(campaign=campaign, actor=county_legal)


def test_one_reminder_and_one_overdue_notice_per_department(campaign, clerk_a):
    item = CleanupItem.objects.filter(document__department=clerk_a.department).first()
    services.cleanup_decide(item=item, actor=clerk_a, decision="keep", reasons="适用。")

    def checks(day):
        with at(day):
            result = {r.rule: r for r in run_deadline_checks(day)}["normative_document_cleanup"]
        return result.reminders, result.overdue

    assert checks(D(2026, 11, 20)) == (0, 0)
    assert checks(D(2026, 11, 26)) == (2, 0)  # 住建局 still owes one, 交通局 one
    assert checks(D(2026, 11, 27)) == (0, 0)
    assert checks(D(2026, 12, 1)) == (0, 2)
    assert checks(D(2026, 12, 2)) == (0, 0)
    assert Notice.objects.filter(rule="normative_document_cleanup").count() == 4


def test_pages(browser, campaign, clerk_a, clerk_b, legal, county_clerk):
    browser.force_login(clerk_a)
    page = browser.get(campaign.get_absolute_url()).content.decode()
    assert "宿建规〔2026〕1号" in page
    assert "宿交规〔2026〕1号" not in page  # only the clerk's own documents
    item = CleanupItem.objects.filter(document__department=clerk_a.department).first()
    url = f"/publication/cleanups/{campaign.pk}/items/{item.pk}/decide/"
    assert browser.post(url, {"decision": "keep", "reasons": ""}).status_code == 400
    assert browser.post(url, {"decision": "keep", "reasons": "适用。"}).status_code == 302
    browser.force_login(county_clerk)
    assert browser.get(campaign.get_absolute_url()).status_code == 404
    browser.force_login(clerk_b)
    assert browser.post(url, {"decision": "keep", "reasons": "x"}).status_code == 404
    browser.force_login(legal)
    assert browser.post(f"/publication/cleanups/{campaign.pk}/publish/").status_code == 409
    response = browser.post("/publication/cleanups/", {"title": "", "due": "2026-01-01"})
    assert response.status_code == 400
