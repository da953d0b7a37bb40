"""What an accountability action may cite as its grounds, and reading those records back.

Grounds are other apps' records, named by app label and model (never imported): each is looked up
through its own model's ``for_user``, so a ground the reader may not see is shown without a link,
and one the actor may not see cannot be cited. A kind whose app is not installed (yet) is skipped.
"""

import dataclasses

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: How many records of each kind the form offers (the most recent first).
OFFERED_PER_KIND = 100


@dataclasses.dataclass(frozen=True)
class GroundKind:
    app_label: str
    model: str
    label: str
    conditions: dict  # what makes such a record a ground (verified, found true, overdue)
    department_lookup: str  # the path from the record to its department
    order_by: str = "-pk"

    @property
    def key(self) -> str:
        return f"{self.app_label}.{self.model}"

    def model_class(self):
        try:
            return ContentType.objects.get_by_natural_key(self.app_label, self.model).model_class()
        except ContentType.DoesNotExist:
            return None

    def records(self, user, department=None):
        """The records of this kind that ``user`` may see and cite (of ``department``)."""
        model = self.model_class()
        if model is None:
            return None
        records = model._default_manager.for_user(user).filter(**self.conditions)
        if department is not None:
            records = records.filter(**{self.department_lookup: department})
        return records


GROUND_KINDS = (
    GroundKind(
        "personnel",
        "conductrecord",
        gettext_lazy("Verified bad-conduct record"),
        {"status": "verified"},
        "officer__department",
    ),
    GroundKind(
        "supervision",
        "notice",
        gettext_lazy("Overdue notice"),
        {"kind": "overdue"},
        "department",
    ),
    GroundKind(
        "complaints",
        "complaint",
        gettext_lazy("Complaint found true"),
        {"status": "concluded", "outcome__in": ["true", "partly_true"]},
        "department",
    ),
    GroundKind("supervision", "finding", gettext_lazy("Finding"), {}, "department"),
)
KINDS_BY_KEY = {kind.key: kind for kind in GROUND_KINDS}


def choices_for(user, department=None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a form: ``[(kind label, [("app.model:pk", str(record)), ...]), ...]``."""
    grouped = []
    for kind in GROUND_KINDS:
        records = kind.records(user, department)
        if records is None:
            continue
        options = [
            (f"{kind.key}:{record.pk}", str(record))
            for record in records.order_by(kind.order_by)[:OFFERED_PER_KIND]
        ]
        if options:
            grouped.append((str(kind.label), options))
    return grouped


def resolve(keys, *, user, department):
    """The records named by ``keys`` ("app.model:pk"): each must be an admissible ground that
    ``user`` may see, of ``department``. Returns ``[(content type, record)]``."""
    keys = list(dict.fromkeys(k.strip() for k in keys or () if k and k.strip()))
    if not keys:
        raise ValidationError({"grounds": _("Cite at least one ground.")})
    found = []
    for key in keys:
        kind_key, _sep, pk = key.partition(":")
        kind = KINDS_BY_KEY.get(kind_key)
        records = kind.records(user, department) if kind else None
        record = records.filter(pk=pk).first() if records is not None and pk.isdigit() else None
        if record is None:
            raise ValidationError(
                {
                    "grounds": _(
                        "%(key)s is not a record this department's accountability can cite."
                    )
                    % {"key": key}
                }
            )
        found.append((ContentType.objects.get_for_model(record), record))
    return found


def kind_label(content_type) -> str:
    return str(kind_name(content_type))


def kind_name(content_type):
    """The kind's label, untranslated until read (a note keeps it so)."""
    kind = KINDS_BY_KEY.get(f"{content_type.app_label}.{content_type.model}")
    return kind.label if kind else content_type.model_class()._meta.verbose_name


def visible_records(user, grounds) -> dict:
    """{ground pk: record} for the grounds whose record ``user`` may see (one query per kind)."""
    by_type = {}
    for ground in grounds:
        by_type.setdefault(ground.content_type_id, []).append(ground)
    visible = {}
    for content_type_id, items in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        manager = getattr(model, "_default_manager", None) if model else None
        if manager is None or not hasattr(manager, "for_user"):
            continue
        records = manager.for_user(user).in_bulk([g.object_id for g in items])
        for ground in items:
            if ground.object_id in records:
                visible[ground.pk] = records[ground.object_id]
    return visible
