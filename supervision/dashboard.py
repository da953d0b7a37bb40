"""The dashboard's and the annual assessment's ports: what each registry contributes.

The kernel never imports an app. Each app declares, in ``<app>/dashboard.py`` (imported at
start-up by ``SupervisionConfig``):

- **figures** (``Figure`` + ``@register_figure``): columns of the legal office's table, one row per
  department, every number a link to the filtered list behind it::

      @register_figure
      class CertificateFigures(Figure):
          name = "certificates"
          order = 50
          columns = [Column("valid", _("valid")), Column("withheld", _("withheld"))]

          def compute(self, departments, day):      # one grouped query for all departments
              counts = Certificate.objects.filter(officer__department__in=departments)...
              return {(department_id, "valid"): Cell(n, url=...) for ...}

- **deductions** (``DeductionRule`` + ``@register_deduction``): the automatic deductions of the
  annual assessment (依法行政考核, 执法监督部分), each listing the items it counts, per department
  and year, again set-based.

Both are computed for a whole list of departments at once: a figure or a rule may cost a few
queries, never one per department (``tests/supervision/test_dashboard.py`` holds 3 and 30
departments to the same count).
"""

import copy
import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from .calendar import today
from .models import AssessmentAdjustment, AssessmentIndicator, Department

# Dashboard figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of the dashboard's table.

    ``kind``: "count" (a number of items), "percent" (a share, 0-100; ``None`` when there is
    nothing to count) or "score" (an average of points; ``None`` when nothing was scored). ``overdue``: the column counts overdue work (summed into the ranking chart
    and the row's total). ``chart``: a percent column drawn as a bar per department."""

    name: str
    label: str
    kind: str = "count"
    overdue: bool = False
    due_soon: bool = False
    chart: bool = False
    bad_when_positive: bool = False


@dataclass(frozen=True)
class Cell:
    """A department's value in a column, and the list behind it (``url``: "" for none)."""

    value: int | Decimal | None
    url: str = ""
    title: str = ""

    @property
    def shown(self) -> str:
        if self.value is None:
            return "—"
        return str(self.value)


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in per cent with one decimal; ``None`` when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


class Figure:
    """A registry's contribution to the dashboard: a few columns from a few grouped queries.

    Subclasses set ``name``, ``label`` (the group heading), ``order`` and ``columns``, and
    implement ``compute``; ``overdue_by_month`` is optional (the chart of overdue work)."""

    name: str = ""
    label = ""
    order: int = 100
    columns: list[Column] = []

    def compute(self, departments: QuerySet, day: datetime.date) -> dict[tuple[int, str], Cell]:
        """{(department id, column name): Cell} for ``departments`` as of ``day``; a department
        missing from the answer reads as 0 (or "—" for a percent)."""
        raise NotImplementedError

    def overdue_by_month(self, departments: QuerySet, years: list[int], day: datetime.date):
        """{(year, month): items that became overdue in that month}, for the chart of overdue
        work; counted as of ``day`` (an item due in a month still ahead is not overdue)."""
        return {}


_figures: dict[str, Figure] = {}


def register_figure(figure_class: type[Figure]) -> type[Figure]:
    figure = figure_class()
    if not figure.name:
        raise ValueError(f"{figure_class.__name__} has no name")
    _figures[figure.name] = figure
    return figure_class


def registered_figures() -> list[Figure]:
    return sorted(_figures.values(), key=lambda f: (f.order, f.name))


# Assessment deductions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One thing a deduction counts: what it is, where to read it, and what it costs (``None``:
    the rule's ``per_item``)."""

    text: str
    url: str = ""
    points: Decimal | None = None


@dataclass
class Deduction:
    """A rule's deduction from one department's sheet of one year."""

    rule: "DeductionRule"
    department_id: int
    items: list[Item] = field(default_factory=list)
    points: Decimal = Decimal("0")
    note: str = ""


def points(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.1"), ROUND_HALF_UP)


def assessment_day(year: int) -> datetime.date:
    """The day a year's work is judged on: the day after the year ends, or today while it runs
    (what is not yet due is not yet late)."""
    return min(today(), datetime.date(year + 1, 1, 1))


class DeductionRule:
    """An indicator of the assessment with its automatic deduction.

    ``max_points``: what the indicator is worth (the most it can take off); ``per_item``: what
    each item counted costs. A rule implements ``items`` (set-based, all departments at once) or,
    when its points are not a count (a share, an average), overrides ``evaluate``."""

    name: str = ""
    label = ""
    order: int = 100
    max_points: Decimal = Decimal("10")
    per_item: Decimal = Decimal("1")
    basis = ""  # how the points are counted, in words, printed on the sheet
    #: False when the rule prices its items itself (a late or missing filing) or takes a share of
    #: ``max_points``: the year's template then sets only ``max_points``.
    uses_per_item = True
    #: The year's ``AssessmentIndicator`` when the template set this rule (``indicators``).
    configured = None

    def items(self, departments: QuerySet, year: int) -> dict[int, list[Item]]:
        """{department id: the items counted against it in ``year``}."""
        raise NotImplementedError

    def evaluate(self, departments: QuerySet, year: int) -> dict[int, Deduction]:
        found = self.items(departments, year)
        return {
            department_id: Deduction(
                rule=self,
                department_id=department_id,
                items=items,
                points=min(
                    points(sum((self.per_item if i.points is None else i.points) for i in items)),
                    self.max_points,
                ),
            )
            for department_id, items in found.items()
            if items
        }


_deductions: dict[str, DeductionRule] = {}


def register_deduction(rule_class: type[DeductionRule]) -> type[DeductionRule]:
    rule = rule_class()
    if not rule.name:
        raise ValueError(f"{rule_class.__name__} has no name")
    _deductions[rule.name] = rule
    return rule_class


def registered_deductions() -> list[DeductionRule]:
    return sorted(_deductions.values(), key=lambda r: (r.order, r.name))


def indicators(year: int) -> list[DeductionRule]:
    """The registered rules as the year's template sets them (one query): each rule with the
    year's ``max_points``, ``per_item`` and ``basis`` where the legal office set them, its own
    values otherwise."""
    rows = {row.rule: row for row in AssessmentIndicator.objects.filter(year=year)}
    result = []
    for rule in registered_deductions():
        row = rows.get(rule.name)
        if row is not None:
            rule = copy.copy(rule)
            rule.max_points = row.max_points
            rule.per_item = row.per_item
            rule.basis = row.basis or rule.basis
            rule.configured = row
        result.append(rule)
    return result


#: The points the enforcement-supervision part of the assessment starts from.
FULL_MARKS = Decimal("100")


# What the pages read ------------------------------------------------------------------------------


def departments_for_all() -> QuerySet:
    """Every enforcement department (not the legal offices), grouped by jurisdiction."""
    return (
        Department.objects.filter(is_legal_office=False)
        .select_related("jurisdiction")
        .order_by("jurisdiction__path", "code")
    )


def departments_for(user) -> QuerySet:
    """The departments a dashboard shows ``user``: a clerk their own, a legal office those of its
    jurisdiction and below (the city's: all), grouped by jurisdiction; never a legal office."""
    return departments_for_all() & Department.objects.for_user(user)


@dataclass(frozen=True)
class Shown:
    """A cell as the table prints it."""

    text: str
    url: str
    title: str
    bad: bool


@dataclass
class Row:
    department: Department
    cells: list[Cell]
    columns: list[Column]
    overdue: int = 0
    due_soon: int = 0

    @property
    def entries(self) -> list[tuple[Column, Cell]]:
        return list(zip(self.columns, self.cells, strict=True))

    @property
    def shown(self) -> list["Shown"]:
        """What the table prints per cell, worked out once here rather than in the template
        (a province's table has thousands of cells)."""
        return [
            Shown(
                text=cell.shown
                + ("%" if column.kind == "percent" and cell.value is not None else ""),
                url=cell.url,
                title=str(cell.title),
                bad=bool(cell.value) and column.bad_when_positive,
            )
            for column, cell in self.entries
        ]

    def cell(self, name: str) -> Cell | None:
        for column, cell in self.entries:
            if column.name == name:
                return cell
        return None


@dataclass
class Board:
    """The dashboard's table: the columns in order (with their figure), one row per department."""

    day: datetime.date
    columns: list[tuple[Figure, Column]]
    rows: list[Row]

    def groups(self):
        """(figure, its columns) in order: the table's header row of groups."""
        seen: dict[str, tuple[Figure, list[Column]]] = {}
        for figure, column in self.columns:
            seen.setdefault(figure.name, (figure, []))[1].append(column)
        return list(seen.values())


def board(departments: QuerySet, day: datetime.date) -> Board:
    """Every registered figure for ``departments`` as of ``day``: one query for the departments and
    each figure's few grouped queries, whatever their number."""
    departments_list = list(departments)
    columns = [(figure, column) for figure in registered_figures() for column in figure.columns]
    values: dict[tuple[int, str], Cell] = {}
    if departments_list:
        ids = [d.pk for d in departments_list]
        for figure in registered_figures():
            values.update(figure.compute(Department.objects.filter(pk__in=ids), day))
    rows = []
    for department in departments_list:
        cells, overdue, due_soon = [], 0, 0
        for _figure, column in columns:
            cell = values.get((department.pk, column.name))
            if cell is None:
                cell = Cell(None if column.kind in ("percent", "score") else 0)
            cells.append(cell)
            if column.overdue:
                overdue += cell.value or 0
            if column.due_soon:
                due_soon += cell.value or 0
        rows.append(
            Row(
                department,
                cells,
                [column for _figure, column in columns],
                overdue=overdue,
                due_soon=due_soon,
            )
        )
    return Board(day=day, columns=columns, rows=rows)


def overdue_by_month(departments: QuerySet, years: list[int], day: datetime.date):
    """{(year, month): overdue items} summed over the figures that count overdue work."""
    total: dict[tuple[int, int], int] = {}
    for figure in registered_figures():
        for key, count in figure.overdue_by_month(departments, years, day).items():
            total[key] = total.get(key, 0) + count
    return total


@dataclass
class Sheet:
    """A department's assessment sheet of a year: full marks less each rule's deduction."""

    department: Department
    year: int
    lines: list[tuple[DeductionRule, Deduction | None]]
    adjustments: list = field(default_factory=list)
    rank: int = 0

    @property
    def deducted(self) -> Decimal:
        """The automatic deductions, less the manual items' points (a manual deduction is negative)."""
        automatic = sum((d.points for _rule, d in self.lines if d), Decimal("0"))
        return automatic - sum((a.points for a in self.adjustments), Decimal("0"))

    @property
    def score(self) -> Decimal:
        return points(FULL_MARKS - self.deducted)


def sheets(departments: QuerySet, year: int) -> list[Sheet]:
    """The sheets of ``departments`` for ``year``, ranked by score (ties share a rank): each rule's
    few queries once for all departments."""
    departments_list = list(departments)
    ids = [d.pk for d in departments_list]
    rules = indicators(year)
    found = {
        rule.name: rule.evaluate(Department.objects.filter(pk__in=ids), year) if ids else {}
        for rule in rules
    }
    manual: dict[int, list[AssessmentAdjustment]] = {}
    for adjustment in AssessmentAdjustment.objects.filter(
        department__in=ids, year=year
    ).select_related("created_by"):
        manual.setdefault(adjustment.department_id, []).append(adjustment)
    result = [
        Sheet(
            department=department,
            year=year,
            lines=[(rule, found[rule.name].get(department.pk)) for rule in rules],
            adjustments=manual.get(department.pk, []),
        )
        for department in departments_list
    ]
    ordered = sorted(result, key=lambda s: (-s.score, s.department.code))
    previous, rank = None, 0
    for position, sheet in enumerate(ordered, 1):
        if sheet.score != previous:
            rank, previous = position, sheet.score
        sheet.rank = rank
    return ordered


# Officers' year (clause 10, annex 2) --------------------------------------------------------------


class OfficerColumns:
    """A registry's columns of the officers' year (per officer per year: hours, assessment,
    conduct records, the "advanced" mark...), shown by personnel's page and export without that
    page knowing the other registries. ``compute(officer_ids, year)`` answers
    ``{(officer id, column name): Cell}`` for all the officers at once (``officer_ids``: a list
    of ids), in a few grouped queries; a missing cell reads as "—"."""

    name: str = ""
    order: int = 100
    columns: list[Column] = []

    def compute(self, officer_ids: list[int], year: int) -> dict[tuple[int, str], Cell]:
        raise NotImplementedError


_officer_columns: dict[str, OfficerColumns] = {}


def register_officer_columns(columns_class: type[OfficerColumns]) -> type[OfficerColumns]:
    contribution = columns_class()
    if not contribution.name:
        raise ValueError(f"{columns_class.__name__} has no name")
    _officer_columns[contribution.name] = contribution
    return columns_class


def registered_officer_columns() -> list[OfficerColumns]:
    return sorted(_officer_columns.values(), key=lambda c: (c.order, c.name))


def officer_year(officer_ids: list[int], year: int) -> tuple[list[Column], dict]:
    """Every registered officer column and, per officer id, its cells in that order: each
    contribution's few queries once for all ``officer_ids``."""
    contributions = registered_officer_columns()
    columns = [column for c in contributions for column in c.columns]
    values: dict[tuple[int, str], Cell] = {}
    if officer_ids:
        for contribution in contributions:
            values.update(contribution.compute(officer_ids, year))
    empty = Cell(None)
    return columns, {
        pk: [values.get((pk, column.name), empty) for column in columns] for pk in officer_ids
    }
