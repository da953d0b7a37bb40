"""Lists of a million rows: counted without ``COUNT(*)`` over them all, paged by keyset.

- ``count_rows``: an unfiltered list on PostgreSQL is counted from the planner's estimate
  (``pg_class.reltuples``, kept by autovacuum/ANALYZE); a filtered one, a small one or one on
  SQLite exactly.
- ``CountingPaginator``: Django's paginator with that count, and no page deeper than
  ``MAX_PAGES`` (OFFSET reads every row it skips: deeper than that, the filters narrow the list).
- ``Keyset``: the API's pages after (or before) a row, by the values of the list's ordering, so
  that page 20,000 reads the index like page 1.
"""

import base64
import binascii
import datetime
import json

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db import connections, models
from django.utils.functional import cached_property

#: Below this many rows (by the estimate) a list is counted exactly.
ESTIMATE_FROM = 10_000
#: The deepest page a list page serves with OFFSET.
MAX_PAGES = 200


def _estimated_rows(queryset) -> int | None:
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [queryset.model._meta.db_table],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def is_unfiltered(queryset) -> bool:
    query = queryset.query
    return not (
        query.where
        or query.distinct
        or query.combinator
        or query.low_mark
        or query.high_mark is not None
    )


def count_rows(queryset) -> int:
    """How many rows ``queryset`` has: estimated when it is a whole large table on PostgreSQL."""
    if is_unfiltered(queryset):
        estimate = _estimated_rows(queryset)
        if estimate is not None and estimate >= ESTIMATE_FROM:
            return estimate
    return queryset.count()


class CountingPaginator(Paginator):
    @cached_property
    def count(self):
        if isinstance(self.object_list, models.QuerySet):
            return count_rows(self.object_list)
        return super().count

    @cached_property
    def num_pages(self):
        return min(super().num_pages, MAX_PAGES)


class BadCursor(ValueError):
    pass


def _column(model, path: str):
    """The field at ``path`` and whether it may be NULL on the way; None when the path is not
    plain columns (an annotation, a transform)."""
    nullable = False
    field = None
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        nullable = nullable or field.null
        if field.is_relation:
            if part == field.attname:  # "department_id": the column itself
                return field, nullable or field.null
            # Ordering by a relation itself follows the related model's ordering: no keyset.
            if field.many_to_many or field.one_to_many or part == path.split("__")[-1]:
                return None
            model = field.related_model
    return field, nullable


def _loaded(row, path: str):
    """The value at ``path`` from the row and the relations selected with it (no query)."""
    *relations, name = path.split("__")
    for part in relations:
        if not row._meta.get_field(part).is_cached(row):
            raise LookupError(path)
        row = getattr(row, part)
    return getattr(row, name)


class Keyset:
    """The ordering of a queryset as (path, descending) pairs, when it allows keyset paging: plain
    non-null columns ending with the primary key, which makes the order total."""

    def __init__(self, queryset):
        self.queryset = queryset
        query = queryset.query
        ordering = list(query.order_by) or (
            list(queryset.model._meta.ordering) if query.default_ordering else []
        )
        self.fields = []
        for item in ordering:
            if not isinstance(item, str):
                self.fields = []
                break
            descending = item.startswith("-")
            path = item.lstrip("-")
            self.fields.append(("id" if path == "pk" else path, descending))
        self.columns = [_column(queryset.model, path) for path, _d in self.fields]
        self.usable = (
            bool(self.fields)
            and self.fields[-1][0] == "id"
            and all(column is not None and not column[1] for column in self.columns)
        )

    def clean(self, values) -> list:
        """A cursor's values as the columns' own types; BadCursor when one is not."""
        try:
            return [
                column.to_python(value)
                for (column, _n), value in zip(self.columns, values, strict=True)
            ]
        except (ValidationError, ValueError, TypeError) as error:
            raise BadCursor from error

    def values_of(self, rows) -> dict:
        """The ordering's values for each row (by pk): one query when a path crosses a relation."""
        paths = [path for path, _d in self.fields]
        try:
            return {row.pk: [_loaded(row, path) for path in paths] for row in rows}
        except LookupError:
            pass  # a relation on the way was not selected with the row
        found = self.queryset.model._default_manager.filter(pk__in=[row.pk for row in rows])
        return {values[-1]: list(values) for values in found.values_list(*paths)}

    def page(self, values, *, before: bool, size: int) -> tuple[list, bool]:
        """``size`` rows after (or, ``before``, just before) ``values``, in the list's order, and
        whether there are more beyond them."""
        queryset = self.queryset
        if values is not None:
            queryset = queryset.filter(self._beyond(values, before))
        if before:
            queryset = queryset.order_by(
                *[path if descending else f"-{path}" for path, descending in self.fields]
            )
        rows = list(queryset[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        if before:
            rows.reverse()
        return rows, more

    def _beyond(self, values, before: bool) -> models.Q:
        # (a, b, id) after (x, y, z): a > x, or a = x and b > y, or a = x, b = y and id > z;
        # plus a >= x alone, which lets the planner start the index scan at x.
        def later(descending):
            return "lt" if descending != before else "gt"

        first, first_descending = self.fields[0]
        bound = models.Q(**{f"{first}__{later(first_descending)[0]}te": values[0]})
        either = models.Q()
        for i, (path, descending) in enumerate(self.fields):
            same = {p: v for (p, _d), v in zip(self.fields[:i], values[:i], strict=True)}
            either |= models.Q(**same, **{f"{path}__{later(descending)}": values[i]})
        return bound & either


def encode_cursor(values, *, before: bool) -> str:
    plain = [v.isoformat() if isinstance(v, datetime.date) else v for v in values]
    raw = json.dumps({"v": plain, "b": before}, separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(text: str, length: int) -> tuple[list, bool]:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        data = json.loads(raw)
        values, before = data["v"], data["b"]
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError) as error:
        raise BadCursor from error
    if not isinstance(values, list) or len(values) != length or not isinstance(before, bool):
        raise BadCursor
    if any(not isinstance(v, (str, int, float, bool)) for v in values):
        raise BadCursor
    return values, before
