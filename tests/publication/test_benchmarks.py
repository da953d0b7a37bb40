"""Discretion benchmarks (行政裁量权基准): versions, the legal office's review, publication,
superseding; the public search by jurisdiction, department and matter (pages and API)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publication import services
from publication.models import DiscretionBenchmark
from supervision.errors import TransitionNotAllowed
from supervision.models import AuditEntry
from tests.clock import at

from .conftest import GRADES, D, published, register_benchmark

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def test_draft_submit_return_correct_resubmit_approve_publish(clerk_a, legal):
    with at(D(2026, 9, 15)):
        benchmark = register_benchmark(clerk_a)
        assert (benchmark.status, benchmark.version) == ("draft", 1)
        services.benchmark_submit(benchmark=benchmark, actor=clerk_a)
        with pytest.raises(ValidationError) as no_reason:
            services.benchmark_review(benchmark=benchmark, actor=legal, result="returned")
        assert no_reason.value.message_dict == {"opinion": ["退回时请写明理由，以便部门修改。"]}
        services.benchmark_review(
            benchmark=benchmark,
            actor=legal,
            result="returned",
            opinion="第三档罚款幅度超出上位法。",
        )
        benchmark = services.benchmark_update(benchmark=benchmark, actor=clerk_a, grades=GRADES[:2])
        benchmark = services.benchmark_submit(benchmark=benchmark, actor=clerk_a)
        with pytest.raises(TransitionNotAllowed) as early:
            services.benchmark_publish(benchmark=benchmark, actor=clerk_a)
        assert str(early.value.message) == "只有审核通过的版本才能发布。"
        services.benchmark_review(benchmark=benchmark, actor=legal, result="approved")
        benchmark = services.benchmark_publish(benchmark=benchmark, actor=clerk_a)
    assert benchmark.status == "published"
    assert benchmark.published_on == D(2026, 9, 15)
    actions = list(
        AuditEntry.objects.filter(object_id=str(benchmark.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "register",
        "submit",
        "return_for_correction",
        "change",
        "resubmit",
        "approve",
        "publish",
    ]


def test_grades_must_be_given(clerk_a):
    with pytest.raises(ValidationError) as error:
        register_benchmark(clerk_a, grades=[])
    assert error.value.message_dict == {"grades": ["请至少填写一档裁量情形及处理标准。"]}
    with pytest.raises(ValidationError) as error:
        register_benchmark(clerk_a, grades=[{"circumstances": "初次违法", "outcome": " "}])
    assert error.value.message_dict == {"grades": ["第1档须同时写明情形和处理标准。"]}
    assert not DiscretionBenchmark.objects.exists()


def test_a_new_version_supersedes_the_one_in_force_which_stays_readable(clerk_a, legal):
    first = published(clerk_a, legal)
    with at(D(2026, 11, 2)):
        second = services.benchmark_revise(benchmark=first, actor=clerk_a)
        assert (second.version, second.previous, second.status) == (2, first, "draft")
        assert second.grades == first.grades
        with pytest.raises(TransitionNotAllowed):
            services.benchmark_revise(benchmark=first, actor=clerk_a)
        second = services.benchmark_update(
            benchmark=second, actor=clerk_a, effective_from=D(2027, 1, 1)
        )
        services.benchmark_submit(benchmark=second, actor=clerk_a)
        services.benchmark_review(benchmark=second, actor=legal, result="approved")
        second = services.benchmark_publish(benchmark=second, actor=clerk_a)
    first.refresh_from_db()
    assert (first.status, first.effective_until) == ("superseded", D(2026, 12, 31))
    assert second.status == "published"
    assert DiscretionBenchmark.objects.in_force().get() == second
    assert AuditEntry.objects.filter(action="supersede", object_id=str(first.pk)).exists()


def test_a_new_version_must_take_effect_after_the_one_in_force(clerk_a, legal):
    first = published(clerk_a, legal)
    with at(D(2026, 9, 20)):
        second = services.benchmark_revise(benchmark=first, actor=clerk_a)
        second = services.benchmark_update(
            benchmark=second, actor=clerk_a, effective_from=D(2026, 10, 1)
        )
        services.benchmark_submit(benchmark=second, actor=clerk_a)
        services.benchmark_review(benchmark=second, actor=legal, result="approved")
        with pytest.raises(ValidationError) as error:
            services.benchmark_publish(benchmark=second, actor=clerk_a)
    assert error.value.message_dict == {
        "effective_from": ["新版本的施行日期须晚于现行版本的施行日期（2026年10月1日）。"]
    }
    first.refresh_from_db()
    assert first.status == "published"


def test_one_benchmark_per_matter_and_department(clerk_a, clerk_b):
    register_benchmark(clerk_a)
    with pytest.raises(ValidationError) as error:
        register_benchmark(clerk_a)
    assert error.value.message_dict == {
        "matter": ["本部门已有该事项的裁量基准，请在原基准上制定新版本。"]
    }
    register_benchmark(clerk_b)  # another department may have its own


def test_only_the_legal_office_of_the_same_level_reviews(
    clerk_a, county_clerk, county_legal, legal
):
    with at(D(2026, 9, 15)):
        benchmark = register_benchmark(clerk_a)
        services.benchmark_submit(benchmark=benchmark, actor=clerk_a)
        county = register_benchmark(county_clerk)
        services.benchmark_submit(benchmark=county, actor=county_clerk)
    for actor, record in [(clerk_a, benchmark), (county_legal, benchmark), (legal, county)]:
        with pytest.raises(PermissionDenied):
            services.benchmark_review(benchmark=record, actor=actor, result="approved")
    services.benchmark_review(benchmark=county, actor=county_legal, result="approved")


# Staff pages and API ----------------------------------------------------------------------------


def test_the_pages_register_review_and_publish(browser, clerk_a, legal):
    browser.force_login(clerk_a)
    with at(D(2026, 9, 15)):
        response = browser.post(
            "/publication/benchmarks/new/",
            {
                "matter": "超限运输",
                "legal_basis": "《公路法》第七十六条",
                "discretion": "处3万元以下罚款",
                "grades": "初次违法，超限10%以下｜警告\n超限10%以上｜处1万元以上3万元以下罚款",
                "effective_from": "2026-10-01",
            },
        )
        assert response.status_code == 302
        benchmark = DiscretionBenchmark.objects.get()
        assert benchmark.grades[1] == {
            "circumstances": "超限10%以上",
            "outcome": "处1万元以上3万元以下罚款",
        }
        assert browser.post(f"/publication/benchmarks/{benchmark.pk}/submit/").status_code == 302
        browser.force_login(legal)
        detail = page(browser.get(benchmark.get_absolute_url()))
        assert "提交审核结果" in detail
        response = browser.post(
            f"/publication/benchmarks/{benchmark.pk}/review/", {"result": "approved"}
        )
        assert response.status_code == 302
        browser.force_login(clerk_a)
        assert browser.post(f"/publication/benchmarks/{benchmark.pk}/publish/").status_code == 302
        again = browser.post(f"/publication/benchmarks/{benchmark.pk}/publish/")
        assert again.status_code == 409
        response = browser.post(f"/publication/benchmarks/{benchmark.pk}/revise/")
        assert response.status_code == 302
    revision = DiscretionBenchmark.objects.get(version=2)
    assert response["Location"] == revision.get_absolute_url()


def test_a_grade_line_without_a_bar_is_a_field_error(browser, clerk_a):
    browser.force_login(clerk_a)
    response = browser.post(
        "/publication/benchmarks/new/",
        {
            "matter": "超限运输",
            "legal_basis": "《公路法》第七十六条",
            "discretion": "处3万元以下罚款",
            "grades": "初次违法｜警告\n超限较多罚款",
            "effective_from": "2026-10-01",
        },
    )
    assert response.status_code == 400
    assert "第2行：请先写情形，再写竖线“｜”，最后写处理结果。" in page(response)
    assert not DiscretionBenchmark.objects.exists()


def test_another_departments_benchmark_is_404(browser, api, clerk_a, clerk_b, legal):
    benchmark = published(clerk_a, legal)
    browser.force_login(clerk_b)
    assert browser.get(benchmark.get_absolute_url()).status_code == 404
    assert browser.post(f"/publication/benchmarks/{benchmark.pk}/revise/").status_code == 404
    assert benchmark.matter not in page(browser.get("/publication/benchmarks/"))
    client = api(clerk_b)
    assert client.get(f"/api/v1/benchmarks/{benchmark.pk}/").status_code == 404
    assert client.post(f"/api/v1/benchmarks/{benchmark.pk}/revise/").status_code == 404


def test_the_api_runs_the_versions(api, clerk_a, legal):
    client = api(clerk_a)
    with at(D(2026, 9, 15)):
        response = client.post(
            "/api/v1/benchmarks/",
            {
                "matter": "超限运输",
                "legal_basis": "《公路法》第七十六条",
                "discretion": "处3万元以下罚款",
                "grades": [{"circumstances": "初次违法", "outcome": "警告"}],
                "effective_from": "2026-10-01",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        pk = response.json()["id"]
        bad = client.post(
            "/api/v1/benchmarks/",
            {
                "matter": "x",
                "legal_basis": "x",
                "discretion": "x",
                "grades": [],
                "effective_from": "2026-10-01",
                "status": "published",
            },
            format="json",
        )
        assert bad.status_code == 400
        assert bad.json() == {"status": ["不接受该字段。"]}
        no_grades = client.post(
            "/api/v1/benchmarks/",
            {
                "matter": "x",
                "legal_basis": "x",
                "discretion": "x",
                "grades": [],
                "effective_from": "2026-10-01",
            },
            format="json",
        )
        assert no_grades.status_code == 400
        assert list(no_grades.json()) == ["grades"]
        assert DiscretionBenchmark.objects.count() == 1
        assert client.post(f"/api/v1/benchmarks/{pk}/publish/").status_code == 409
        assert client.post(f"/api/v1/benchmarks/{pk}/submit/").json()["status"] == "submitted"
        assert (
            client.post(f"/api/v1/benchmarks/{pk}/review/", {"result": "approved"}).status_code
            == 403
        )
        review = api(legal).post(
            f"/api/v1/benchmarks/{pk}/review/", {"result": "approved"}, format="json"
        )
        assert review.json()["status"] == "approved"
        assert client.post(f"/api/v1/benchmarks/{pk}/publish/").json()["status"] == "published"
        revision = client.post(f"/api/v1/benchmarks/{pk}/revise/")
    assert revision.status_code == 201
    assert revision.json()["version"] == 2


def test_the_list_costs_the_same_queries_for_3_or_30_benchmarks(browser, clerk_a, legal):
    def make(numbers):
        for n in numbers:
            register_benchmark(clerk_a, matter=f"事项{n}")

    browser.force_login(legal)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert browser.get("/publication/benchmarks/").status_code == 200
        return len(captured)

    make(range(3))
    few = queries()
    make(range(100, 127))
    assert queries() == few


# The public site ------------------------------------------------------------------------------


def test_the_public_finds_benchmarks_in_force_by_department_and_matter(
    client, clerk_a, clerk_b, legal, department_a
):
    first = published(clerk_a, legal)
    published(clerk_b, legal, matter="超限运输")
    with at(D(2026, 9, 15)):
        register_benchmark(clerk_a, matter="草稿中的事项")  # a draft: never public
    found = page(client.get("/public/benchmarks/", {"matter": "施工许可"}))
    assert first.matter in found
    assert "超限运输" not in found
    assert "草稿中的事项" not in page(client.get("/public/benchmarks/"))
    by_department = page(client.get("/public/benchmarks/", {"department": department_a.code}))
    assert first.matter in by_department
    assert "超限运输" not in by_department
    detail = client.get(f"/public/benchmarks/{first.pk}/")
    assert detail.status_code == 200
    body = page(detail)
    assert "处工程合同价款3%以上4%以下罚款" in body
    assert "clerk_a" not in body
    assert "legal" not in body


def test_a_superseded_version_stays_readable_with_its_dates(client, api, clerk_a, legal):
    first = published(clerk_a, legal)
    with at(D(2026, 11, 2)):
        second = services.benchmark_revise(benchmark=first, actor=clerk_a)
        services.benchmark_update(benchmark=second, actor=clerk_a, effective_from=D(2027, 1, 1))
        services.benchmark_submit(benchmark=second, actor=clerk_a)
        services.benchmark_review(benchmark=second, actor=legal, result="approved")
        services.benchmark_publish(benchmark=second, actor=clerk_a)
    old = page(client.get(f"/public/benchmarks/{first.pk}/"))
    assert "该版本已被新版本替代，有效期至2026年12月31日。" in old
    assert "第2版" in old
    listed = client.get("/api/v1/public/benchmarks/").json()
    assert [(b["version"], b["in_force"]) for b in listed["results"]] == [(2, True)]
    superseded = client.get(f"/api/v1/public/benchmarks/{first.pk}/").json()
    assert superseded["effective_until"] == "2026-12-31"
    assert superseded["in_force"] is False
    assert set(superseded) == {
        "id",
        "department",
        "department_code",
        "jurisdiction",
        "matter",
        "version",
        "legal_basis",
        "discretion",
        "grades",
        "higher_benchmark",
        "effective_from",
        "effective_until",
        "in_force",
    }


def test_a_draft_is_404_on_the_public_side(client, clerk_a):
    draft = register_benchmark(clerk_a)
    assert client.get(f"/public/benchmarks/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/public/benchmarks/{draft.pk}/").status_code == 404


def test_the_public_chooses_the_county_or_the_city(
    client, clerk_a, legal, county, county_clerk, county_legal
):
    city = published(clerk_a, legal)
    county_benchmark = published(county_clerk, county_legal, matter="县级事项")
    # The whole city by default: the city's departments and the counties'.
    in_city = page(client.get("/public/benchmarks/"))
    assert city.matter in in_city
    assert county_benchmark.matter in in_city
    in_county = page(client.get("/public/benchmarks/", {"jurisdiction": "341321"}))
    assert county_benchmark.matter in in_county
    assert city.matter not in in_county
    assert "砀山县住房和城乡建设局" in in_county
    api_county = client.get("/api/v1/public/benchmarks/", {"jurisdiction": "341321"}).json()
    assert [b["matter"] for b in api_county["results"]] == ["县级事项"]
    # An unknown or malformed code means the whole city, never an error.
    assert client.get("/public/benchmarks/", {"jurisdiction": "'; drop"}).status_code == 200


def test_the_public_pages_and_api_are_rate_limited_as_the_public_lookup(client, settings, db):
    settings.PUBLIC_PAGE_RATE = "2/min"
    codes = [
        client.get("/public/benchmarks/", REMOTE_ADDR="10.0.0.7").status_code for _ in range(3)
    ]
    assert codes == [200, 200, 429]
    # One allowance for every public page: the lookup is limited now too.
    assert client.get("/public/", REMOTE_ADDR="10.0.0.7").status_code == 429
    assert "您的查询过于频繁，请稍候一分钟再试。" in page(
        client.get("/public/benchmarks/", REMOTE_ADDR="10.0.0.7")
    )
    settings.PUBLIC_API_RATE = "1/min"
    url = "/api/v1/public/benchmarks/"
    assert [client.get(url, REMOTE_ADDR="10.0.0.8").status_code for _ in range(2)] == [200, 429]


def test_the_public_search_costs_the_same_queries_for_3_or_30_benchmarks(client, clerk_a, legal):
    def make(numbers):
        for n in numbers:
            published(clerk_a, legal, matter=f"事项{n}")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/public/benchmarks/").status_code == 200
            assert client.get("/api/v1/public/benchmarks/").status_code == 200
        return len(captured)

    make(range(3))
    few = queries()
    make(range(100, 127))
    assert queries() == few


def test_effective_until_is_never_before_effective_from(clerk_a, legal):
    benchmark = published(clerk_a, legal)
    benchmark.effective_until = benchmark.effective_from - datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        benchmark.full_clean()
