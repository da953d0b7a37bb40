"""What case-file evaluation contributes to the dashboard and the annual assessment: the average
final score of a department's files in its latest published campaign, and a deduction from the
average of the campaigns published in the year, listing every file scored."""

import datetime
from decimal import Decimal

from evaluations import services
from evaluations.models import Campaign, SampleFile
from supervision import dashboard
from tests.clock import at

from .conftest import filed_catalogue, new_campaign

D = datetime.date


def publish_with(campaign, department, scores, *, on):
    """The campaign's files of ``department`` scored ``scores`` (the rest dropped), published on
    ``on`` (the scoring itself is the campaign tests' subject)."""
    files = list(SampleFile.objects.filter(campaign=campaign, department=department).order_by("pk"))
    for sample, score in zip(files, scores, strict=False):
        sample.final_score = Decimal(score)
        sample.save(update_fields=["final_score"])
    SampleFile.objects.filter(pk__in=[s.pk for s in files[len(scores) :]]).update(dropped=True)
    Campaign.objects.filter(pk=campaign.pk).update(
        status=Campaign.Status.PUBLISHED, published_on=on
    )
    return files[: len(scores)]


def figure(board, department, column):
    return next(r for r in board.rows if r.department == department).cell(column)


def test_latest_average_on_the_dashboard_and_the_years_average_deducted(
    drawn, legal, department_a, department_b
):
    files = publish_with(drawn, department_a, ["92", "80", "71"], on=D(2026, 4, 20))
    publish_with(drawn, department_b, ["95"], on=D(2026, 4, 20))

    with at(D(2026, 12, 1)):
        board = dashboard.board(dashboard.departments_for_all(), D(2026, 12, 1))
    average = figure(board, department_a, "evaluation_average")
    assert average.value == Decimal("81.0")
    assert average.url == f"/evaluations/{drawn.pk}/"
    assert figure(board, department_b, "evaluation_average").shown == "95.0"

    rule = next(r for r in dashboard.registered_deductions() if r.name == "evaluation_average")
    with at(D(2027, 2, 1)):
        found = rule.evaluate(dashboard.departments_for_all(), 2026)
    assert department_b.pk not in found  # 95 is above 90: nothing taken
    deduction = found[department_a.pk]
    assert deduction.points == Decimal("4.5")  # (90 − 81) × 0.5
    assert deduction.note == "3卷平均81.0分"
    assert [i.text for i in deduction.items] == [
        f"{files[2].item.case_number}：71.0分",
        f"{files[1].item.case_number}：80.0分",
        f"{files[0].item.case_number}：92.0分",
    ]
    assert deduction.items[0].url == f"/evaluations/files/{files[2].pk}/"
    with at(D(2028, 2, 1)):
        assert rule.evaluate(dashboard.departments_for_all(), 2027) == {}  # published in 2026

    # A later campaign replaces the figure on the dashboard.
    filed_catalogue(department_a, year=2026, n=5)
    later = new_campaign(legal, [department_a], year=2026, day=D(2027, 2, 10))
    with at(D(2027, 2, 11)):
        services.campaign_draw(campaign=later, actor=legal, seed=1)
    publish_with(later, department_a, ["99"], on=D(2027, 4, 20))
    with at(D(2027, 5, 1)):
        board = dashboard.board(dashboard.departments_for_all(), D(2027, 5, 1))
    assert figure(board, department_a, "evaluation_average").value == Decimal("99.0")
