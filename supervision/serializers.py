from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .models import AuditEntry, Department, DocumentDraft, Jurisdiction, Notice, NoticeReply, User
from .web.serializers import NoteField, StrictModelSerializer, StrictSerializer


class JurisdictionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Jurisdiction
        fields = ["code", "name", "parent", "office_name", "number_prefix"]


class DepartmentSerializer(StrictModelSerializer):
    """``jurisdiction`` (its code) is named when a department is created, among the caller's
    jurisdiction and those below it (the caller's own if left out); it is fixed afterwards."""

    class Meta:
        model = Department
        fields = ["id", "code", "name", "region", "credit_code", "jurisdiction", "is_legal_office"]
        # The model's own constraint says it better ("this jurisdiction already has its legal
        # office"), and the service decides the jurisdiction when none is named.
        extra_kwargs = {"is_legal_office": {"validators": []}}
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if self.instance is None and user is not None and user.is_authenticated:
            below = Jurisdiction.objects.below(user.jurisdiction)
            fields["jurisdiction"] = serializers.SlugRelatedField(
                label=_("jurisdiction"), slug_field="code", queryset=below, required=False
            )
        else:
            fields["jurisdiction"] = serializers.SlugRelatedField(
                label=_("jurisdiction"), slug_field="code", read_only=True
            )
        return fields


class DepartmentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class MeSerializer(serializers.ModelSerializer):
    department = DepartmentRefSerializer(allow_null=True)
    role_display = serializers.CharField(source="get_role_display")

    class Meta:
        model = User
        fields = ["username", "role", "role_display", "department"]


class TokenRequestSerializer(StrictSerializer):
    username = serializers.CharField(label=_("username"), max_length=150)
    password = serializers.CharField(
        label=_("password"), max_length=128, style={"input_type": "password"}, trim_whitespace=False
    )
    otp = serializers.CharField(
        label=_("two-factor code"), max_length=8, required=False, allow_blank=True
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()


class AuditEntrySerializer(serializers.ModelSerializer):
    model = serializers.SerializerMethodField()
    actor = serializers.CharField(source="actor.username", default=None)
    reason = NoteField()
    # The verb in the record type's words, in the request's language (``audit.label_action``).
    action_label = serializers.CharField(read_only=True)

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "model",
            "object_id",
            "object_repr",
            "action",
            "action_label",
            "actor",
            "at",
            "before",
            "after",
            "reason",
        ]

    def get_model(self, entry) -> str:
        return f"{entry.content_type.app_label}.{entry.content_type.model}"


class NoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notice
        fields = [
            "id",
            "kind",
            "rule",
            "department",
            "number",
            "subject",
            "addressee",
            "body",
            "due_date",
            "explanation",
            "issued_on",
            "read_at",
            "voided_at",
            "void_reason",
            "replaces",
            "copy_to",
        ]
        read_only_fields = fields

    read_at = serializers.DateTimeField(source="read_on", read_only=True, allow_null=True)


class NoticeReplySerializer(StrictModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)
    # The file is served only through the reply's scoped view, never from the media folder.
    attachment_url = serializers.SerializerMethodField()

    class Meta:
        model = NoticeReply
        fields = [
            "id",
            "text",
            "attachment",
            "attachment_name",
            "attachment_url",
            "author",
            "created_at",
        ]
        read_only_fields = ["id", "attachment_name", "author", "created_at"]
        extra_kwargs = {"attachment": {"write_only": True}}

    def get_attachment_url(self, reply) -> str | None:
        if not reply.attachment:
            return None
        return reverse("notice-reply-attachment", args=[reply.pk])


class BulletinRequestSerializer(StrictSerializer):
    start = serializers.DateField(label=_("From"))
    end = serializers.DateField(label=_("To"))

    def validate(self, data):
        if data["start"] > data["end"]:
            raise serializers.ValidationError(
                {"end": [_("The end of the period is before its start.")]}
            )
        return data


class BulletinDraftRequestSerializer(BulletinRequestSerializer):
    replaces = serializers.PrimaryKeyRelatedField(
        label=_("Replaces"),
        queryset=Notice.objects.filter(voided_at__isnull=False),
        required=False,
        allow_null=True,
        help_text=_("A voided document this one corrects."),
    )


class CriticismRequestSerializer(StrictSerializer):
    department = serializers.PrimaryKeyRelatedField(
        label=_("Department criticised"), queryset=Department.objects.filter(is_legal_office=False)
    )
    reason = serializers.CharField(label=_("Reason"), max_length=4000)
    items = serializers.ListField(
        label=_("Items referred to"),
        child=serializers.CharField(max_length=500),
        required=False,
        default=list,
    )
    replaces = serializers.PrimaryKeyRelatedField(
        label=_("Replaces"),
        queryset=Notice.objects.filter(voided_at__isnull=False),
        required=False,
        allow_null=True,
    )


class DocumentDraftSerializer(StrictModelSerializer):
    number = serializers.CharField(source="notice.number", read_only=True, default=None)

    class Meta:
        model = DocumentDraft
        fields = [
            "id",
            "kind",
            "department",
            "period_start",
            "period_end",
            "subject",
            "opening",
            "items",
            "closing",
            "copy_to_departments",
            "replaces",
            "status",
            "notice",
            "number",
        ]
        read_only_fields = [
            "id",
            "kind",
            "department",
            "period_start",
            "period_end",
            "items",
            "replaces",
            "status",
            "notice",
            "number",
        ]
