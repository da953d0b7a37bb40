"""Serializers every registry's API shares: unknown fields refused, reasons for a transition,
and the department of a new record (named by the legal office, a clerk's own otherwise)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from supervision import notes
from supervision.models import Department


class StrictFieldsMixin:
    """Refuse fields the client may not set instead of silently ignoring them."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data.keys()) - writable)
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("This field is not accepted here.")] for name in unknown}
                )
        return super().to_internal_value(data)


class NoteField(serializers.CharField):
    """A note as the reader reads it: one the system wrote in the request's language, one a
    person typed as typed (``supervision.notes``). Read only."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return notes.render(super().to_representation(value))


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related record named by id in the body, looked up through ``for_user``.

    The URL exists and the body is wrong, so an id that does not exist answers 400 with a field
    error, and one outside the caller's scope answers exactly the same (never "it exists, but not
    for you")."""

    default_error_messages = {
        "does_not_exist": _("There is no record {pk_value} that you may refer to."),
        "incorrect_type": _("Give the record's id, a whole number."),
    }

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(queryset=model.objects.all(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request") if self.parent is not None else None
        return self.model.objects.for_user(getattr(request, "user", None))

    def to_internal_value(self, data):
        if isinstance(data, bool) or not str(data).isdigit():
            self.fail("incorrect_type")
        try:
            return self.get_queryset().get(pk=int(data))
        except (self.model.DoesNotExist, OverflowError):
            self.fail("does_not_exist", pk_value=data)


class StrictModelSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    pass


class StrictSerializer(StrictFieldsMixin, serializers.Serializer):
    pass


class ReasonSerializer(StrictSerializer):
    reason = serializers.CharField(label=_("reason"), max_length=2000)


class OptionalReasonSerializer(StrictSerializer):
    reason = serializers.CharField(label=_("reason"), max_length=2000, required=False, default="")


class DepartmentOnCreateMixin:
    """``department``: named by the legal office when it creates a record, never by a clerk, and
    fixed once the record exists (the field is then refused as not accepted)."""

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        # Without a signed-in user (the OpenAPI schema) the field is shown as the legal office
        # sees it; a clerk's request always has the attribute, and it is False.
        may_name = self.instance is None and getattr(
            getattr(request, "user", None), "supervises_departments", True
        )
        if may_name:
            fields["department"] = serializers.PrimaryKeyRelatedField(
                label=_("department"),
                queryset=Department.objects.handled_by(getattr(request, "user", None)),
            )
        else:
            fields["department"] = serializers.PrimaryKeyRelatedField(read_only=True)
        return fields


class TrackingCodeSerializer(StrictSerializer):
    """The public's look-up by tracking code, in the body (never the address)."""

    code = serializers.CharField(label=_("Tracking code"), max_length=60)
