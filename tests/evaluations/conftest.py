import datetime

import pytest

from cases.models import CaseCatalogue, CatalogueItem
from evaluations import services
from tests.clock import at

D = datetime.date
KINDS = ["penalty", "licence", "coercive_measure", "inspection"]


def filed_catalogue(department, year=2025, n=20, kinds=("penalty",)):
    catalogue = CaseCatalogue.objects.create(
        department=department, year=year, due=D(year + 1, 2, 2), filed_on=D(year + 1, 1, 20)
    )
    CatalogueItem.objects.bulk_create(
        [
            CatalogueItem(
                catalogue=catalogue,
                case_number=f"{department.code}罚〔{year}〕{i}号",
                title=f"案件{i}",
                kind=kinds[i % len(kinds)],
                closing_date=D(year, 1 + i % 12, 1 + i % 28),
            )
            for i in range(1, n + 1)
        ]
    )
    return catalogue


@pytest.fixture
def catalogues(department_a, department_b):
    return filed_catalogue(department_a), filed_catalogue(department_b)


def new_campaign(legal, departments, *, year=2025, day=None, **extra):
    extra.setdefault("sample_count", 5)
    with at(day or D(2026, 2, 10)):
        return services.campaign_create(
            actor=legal,
            title=f"{year}年度行政执法案卷评查",
            year=year,
            departments=departments,
            kinds=extra.pop("kinds", ["penalty"]),
            **extra,
        )


@pytest.fixture
def campaign(legal, department_a, department_b, supervisor, catalogues):
    return new_campaign(legal, [department_a, department_b], members=[supervisor])


@pytest.fixture
def drawn(campaign, legal):
    with at(D(2026, 2, 11)):
        return services.campaign_draw(campaign=campaign, actor=legal, seed=20260211)


def sheet(campaign, deductions=None, *, vetoes=(), findings=()):
    """Lines for score_submit: ``deductions`` {item name: (points, note)}."""
    items = {item.name: item for item in campaign.template.items.all()}
    lines = {}
    for name, (points, note) in (deductions or {}).items():
        lines[items[name].pk] = {
            "deduction": points,
            "note": note,
            "raise_finding": name in findings,
        }
    return {"lines": lines, "vetoes": [items[name].pk for name in vetoes]}
