"""The campaign's pages: set up by the legal office, the department's own view (self-check,
scores once published, appeal), and what another department gets (404)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from evaluations import services
from evaluations.models import Campaign, SampleFile
from supervision.services import schedule_enter
from tests.clock import at
from tests.factories import PDF

from .conftest import D, new_campaign, sheet


def test_the_legal_office_sets_up_a_campaign_on_its_page(
    legal, department_a, department_b, supervisor, catalogues, browser
):
    browser.force_login(legal)
    with at(D(2026, 2, 10)):
        assert browser.get("/evaluations/new/").status_code == 200
        bad = browser.post("/evaluations/new/", {"year": "2025", "kinds": ["penalty"]})
        assert bad.status_code == 400
        assert "该字段是必填项。" in bad.content.decode()
        answer = browser.post(
            "/evaluations/new/",
            {
                "year": "2025",
                "departments": [department_a.pk, department_b.pk],
                "kinds": ["penalty", "licence"],
                "members": [supervisor.pk],
                "sample_count": "4",
                "rectification_due": "2026-05-01",  # 劳动节: moves to 6 May
            },
        )
    campaign = Campaign.objects.get()
    assert answer.status_code == 302
    assert campaign.title == "2025年度行政执法案卷评查"
    assert campaign.rectification_due == D(2026, 5, 6)
    assert set(campaign.members.all()) == {legal, supervisor}
    with at(D(2026, 2, 11)):
        drawn = browser.post(f"/evaluations/{campaign.pk}/draw/")
        assert drawn.status_code == 302
        again = browser.post(f"/evaluations/{campaign.pk}/draw/")
    assert again.status_code == 409
    assert "已经抽取过案卷。" in again.content.decode()


def test_a_department_sends_its_self_check_and_sees_scores_only_once_published(
    legal, clerk_a, clerk_b, drawn, browser
):
    browser.force_login(clerk_a)
    with at(D(2026, 3, 20)):
        page = browser.get(f"/evaluations/{drawn.pk}/").content.decode()
        assert "报送自查报告" in page
        sent = browser.post(
            f"/evaluations/{drawn.pk}/self_check/",
            {"text": "已完成自查", "file": SimpleUploadedFile("自查报告.pdf", PDF)},
        )
        assert sent.status_code == 302
    participant = drawn.participants.get(department=clerk_a.department)
    assert participant.self_check_file_name == "自查报告.pdf"
    download = f"/evaluations/{drawn.pk}/self-checks/{participant.pk}/file/"
    assert browser.get(download).status_code == 200
    sample = SampleFile.objects.filter(campaign=drawn, department=clerk_a.department).first()
    with at(D(2026, 4, 2)):
        services.score_submit(sample=sample, actor=legal, **sheet(drawn, {"立卷归档": (4, "缺页")}))
        page = browser.get(f"/evaluations/files/{sample.pk}/").content.decode()
        assert "缺页" not in page
        assert browser.get(f"/evaluations/{drawn.pk}/scores.xlsx").status_code == 404
    browser.force_login(clerk_b)
    assert browser.get(download).status_code == 404
    with at(D(2026, 4, 3)):
        for other in SampleFile.objects.filter(campaign=drawn).exclude(pk=sample.pk):
            services.score_submit(sample=other, actor=legal, **sheet(drawn))
        services.campaign_publish(campaign=drawn, actor=legal)
        browser.force_login(clerk_a)
        page = browser.get(f"/evaluations/files/{sample.pk}/").content.decode()
        assert "缺页" in page
        assert "对评分提出异议" in page
        appealed = browser.post(f"/evaluations/files/{sample.pk}/appeal/", {"text": "已补页"})
        assert appealed.status_code == 302
        xlsx = browser.get(f"/evaluations/{drawn.pk}/scores.xlsx")
        assert xlsx.status_code == 200
        campaign_page = browser.get(f"/evaluations/{drawn.pk}/").content.decode()
    assert "各部门评查结果" in campaign_page
    assert "宿州市住房和城乡建设局" in campaign_page
    assert "宿州市交通运输局" not in campaign_page  # its own results only


def test_another_department_gets_404_for_the_report_and_the_exports(
    legal, clerk_b, department_a, catalogues, browser
):
    campaign = new_campaign(legal, [department_a])
    with at(D(2026, 2, 11)):
        services.campaign_draw(campaign=campaign, actor=legal, seed=1)
    with at(D(2026, 4, 3)):
        for sample in SampleFile.objects.filter(campaign=campaign):
            services.score_submit(sample=sample, actor=legal, **sheet(campaign))
        services.campaign_publish(campaign=campaign, actor=legal)
        services.campaign_report(campaign=campaign, actor=legal)
    browser.force_login(clerk_b)
    for url in [
        f"/evaluations/{campaign.pk}/",
        f"/evaluations/{campaign.pk}/report.pdf",
        f"/evaluations/{campaign.pk}/scores.xlsx",
    ]:
        assert browser.get(url).status_code == 404
    assert "2025年度" not in browser.get("/evaluations/").content.decode()


def test_entering_the_2027_schedule_recounts_an_open_campaigns_dates(legal, department_a):
    from tests.evaluations.conftest import filed_catalogue

    filed_catalogue(department_a, year=2026)
    campaign = new_campaign(legal, [department_a], year=2026, day=D(2027, 1, 4))
    assert campaign.evaluation_due == D(2027, 4, 12)
    with at(D(2027, 1, 5)):
        # A made-up schedule: 10 April 2027 a working Saturday.
        schedule_enter(year=2027, days=[(D(2027, 4, 10), True, "调休上班")], actor=legal)
    campaign.refresh_from_db()
    assert campaign.evaluation_due == D(2027, 4, 10)
    assert campaign.schedule_explanation["evaluation_due"]["provisional"] is False
