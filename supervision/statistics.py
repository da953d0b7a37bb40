"""The year's statistics (年度行政执法统计): tables each registry contributes through a port, shown
as a page, a report for the city's government (PDF) and a workbook with one sheet per table.

An app declares its tables in ``<app>/dashboard.py``::

    @register_table
    class CaseFileTable(StatisticsTable):
        name = "case_files"
        title = _("Case files of the year by kind")
        order = 10

        def compute(self, departments, year):   # a few grouped queries for all departments
            return (headers, {department id: [values...]})

The kernel lays the rows out per department (in the order of ``departments``, the totals last)
and never imports an app."""

from dataclasses import dataclass

from django.db.models import QuerySet

_tables: dict[str, "StatisticsTable"] = {}


class StatisticsTable:
    """One table of the year's statistics: a column per figure, a row per department."""

    name: str = ""
    title = ""
    order: int = 100
    note = ""

    def compute(self, departments: QuerySet, year: int) -> tuple[list[str], dict[int, list]]:
        """(column headers, {department id: the row's numbers}); a missing department reads as
        zeros."""
        raise NotImplementedError


def register_table(table_class: type[StatisticsTable]) -> type[StatisticsTable]:
    table = table_class()
    if not table.name:
        raise ValueError(f"{table_class.__name__} has no name")
    _tables[table.name] = table
    return table_class


def registered_tables() -> list[StatisticsTable]:
    return sorted(_tables.values(), key=lambda t: (t.order, t.name))


@dataclass
class Table:
    name: str
    title: str
    note: str
    headers: list[str]
    rows: list[tuple[str, list]]  # (department name, numbers)
    totals: list


def tables(departments: QuerySet, year: int) -> list[Table]:
    """Every registered table for ``departments`` (a list or queryset) and ``year``: each
    table's few queries once for all departments."""
    departments = list(departments)
    ids = [d.pk for d in departments]
    from .models import Department

    result = []
    for table in registered_tables():
        headers, values = table.compute(Department.objects.filter(pk__in=ids), year)
        zeros = [0] * len(headers)
        rows = [(d.name, list(values.get(d.pk, zeros))) for d in departments]
        totals = [
            sum(row[i] for _name, row in rows if isinstance(row[i], int | float))
            if all(isinstance(row[i], int | float) for _name, row in rows)
            else ""
            for i in range(len(headers))
        ]
        result.append(
            Table(
                table.name,
                str(table.title),
                str(table.note),
                [str(h) for h in headers],
                rows,
                totals,
            )
        )
    return result
