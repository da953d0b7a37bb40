from django.contrib.auth import authenticate
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, permissions, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from . import audit, bulletins, notices, services
from .filters import NoticeFilter
from .models import ApiToken, AuditEntry, Department, DocumentDraft, Notice
from .security import passwords, twofactor
from .security.network import client_address
from .serializers import (
    AuditEntrySerializer,
    BulletinDraftRequestSerializer,
    CriticismRequestSerializer,
    DepartmentSerializer,
    DocumentDraftSerializer,
    MeSerializer,
    NoticeReplySerializer,
    NoticeSerializer,
    TokenRequestSerializer,
    TokenSerializer,
)
from .web.api import BadRequest, IsLegalOffice, IsLegalOfficeOrReadOnly
from .web.serializers import ReasonSerializer


class LoginRateThrottle(SimpleRateThrottle):
    """Token requests per client address, read as the public lookup reads it (trusted proxies
    only): a forged X-Forwarded-For does not buy a fresh allowance."""

    scope = "login"
    rate = "30/min"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


@extend_schema(request=TokenRequestSerializer, responses=TokenSerializer, methods=["POST"])
@extend_schema(request=None, responses={204: None}, methods=["DELETE"])
@api_view(["POST", "DELETE"])
@permission_classes([permissions.AllowAny])
def obtain_token(request):
    """POST: exchange a username and password for a new API token, valid ``API_TOKEN_DAYS`` days
    (shown once, stored hashed). DELETE: revoke the token the request carries."""
    if request.method == "DELETE":
        if not isinstance(request.auth, ApiToken):
            raise BadRequest(_("This request carries no API token to revoke."))
        ApiToken.objects.filter(pk=request.auth.pk).revoke()
        audit.record_event(
            audit.Action.TOKEN_REVOKE,
            user=request.user,
            actor=request.user,
            address=client_address(request),
        )
        return Response(status=204)
    serializer = TokenRequestSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    # With the request, django-axes counts this door's failures with the login page's.
    code = serializer.validated_data.pop("otp", "")
    user = authenticate(request=request._request, **serializer.validated_data)
    if user is None:
        raise BadRequest(_("The username or password is not correct."))
    if twofactor.required_for(user):
        if not code:
            raise exceptions.ValidationError({"otp": [_("Your role needs the two-factor code.")]})
        if not twofactor.check_code(user, code):
            raise exceptions.ValidationError(
                {"otp": [_("The code is not correct, or came too soon after a wrong one.")]}
            )
    if passwords.must_change(user):
        raise PermissionDenied(
            _("Your password must be changed: change it in the portal, then ask for a token.")
        )
    token, key = ApiToken.issue(user)
    audit.record_event(
        audit.Action.LOGIN, user=user, address=client_address(request), detail={"via": "api"}
    )
    return Response({"token": key, "expires_at": token.expires_at})


obtain_token.cls.throttle_classes = [LoginRateThrottle]


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
def me(request):
    """Who the caller is: username, role and department."""
    return Response(MeSerializer(request.user).data)


class DepartmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Departments: everyone signed in reads those in their scope; the legal office edits."""

    serializer_class = DepartmentSerializer
    permission_classes = [IsLegalOfficeOrReadOnly]
    filterset_fields = ["region", "is_legal_office"]

    def get_queryset(self):
        return Department.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.department_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.department_update(
            department=serializer.instance, actor=self.request.user, **serializer.validated_data
        )


@extend_schema(
    parameters=[
        OpenApiParameter(
            "model", str, description="app_label.model, e.g. entities.enforcemententity"
        ),
        OpenApiParameter("object_id", str),
        OpenApiParameter(
            "kind", str, enum=["security"], description="security: the security events only"
        ),
    ]
)
class AuditEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The audit trail: all of it for the legal office (filter with
    ``?model=entities.enforcemententity&object_id=3``); one record's history for a clerk of its
    department, who names the record with both parameters."""

    serializer_class = AuditEntrySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI schema asks without a user
            return AuditEntry.objects.none()
        user = self.request.user
        model = self.request.query_params.get("model", "")
        object_id = self.request.query_params.get("object_id", "")[:64]
        entries = AuditEntry.objects.for_user(user).select_related("actor", "content_type")
        if not user.reads_audit_trail:
            if not (user.is_clerk and model and object_id and self.action == "list"):
                raise PermissionDenied
            return audit.history_for(user, self._record(model, object_id)).select_related(
                "actor", "content_type"
            )
        if model:
            app_label, _dot, model_name = model.partition(".")
            entries = entries.filter(
                content_type__app_label=app_label, content_type__model=model_name
            )
        if object_id:
            entries = entries.filter(object_id=object_id)
        if self.request.query_params.get("kind") == "security":
            entries = entries.security_events()
        return entries

    def _record(self, model: str, object_id: str):
        """The record the clerk names, through its model's scoping: another department's is 404."""
        app_label, _dot, model_name = model.partition(".")
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        model_class = content_type and content_type.model_class()
        scoped = getattr(getattr(model_class, "_default_manager", None), "for_user", None)
        if scoped is None:
            raise Http404
        try:
            return scoped(self.request.user).get(pk=object_id)
        except (model_class.DoesNotExist, ValueError, DjangoValidationError):
            raise Http404 from None


class NoticeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Notices in the caller's inbox: a clerk's department's, every one for the legal office."""

    serializer_class = NoticeSerializer
    filterset_class = NoticeFilter

    def get_queryset(self):
        return Notice.objects.for_user(self.request.user)

    @extend_schema(request=None, responses=NoticeSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notice = notices.notice_mark_read(notice=self.get_object(), actor=request.user)
        return Response(NoticeSerializer(notice).data)

    @extend_schema(request=NoticeReplySerializer, responses=NoticeReplySerializer)
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def replies(self, request, pk=None):
        notice = self.get_object()
        if request.method == "GET":
            replies = notice.replies.select_related("author")
            if notices.is_copy_for(notice, request.user):
                replies = replies.none()
            return Response(NoticeReplySerializer(replies, many=True).data)
        serializer = NoticeReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reply = notices.notice_reply(notice=notice, actor=request.user, **serializer.validated_data)
        return Response(NoticeReplySerializer(reply).data, status=201)

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        notice = self.get_object()
        response = HttpResponse(notices.render_pdf(notice), content_type="application/pdf")
        response["Content-Disposition"] = (
            f"inline; filename=notice-{notice.year}-{notice.sequence}.pdf"
        )
        return response

    @extend_schema(
        request=BulletinDraftRequestSerializer,
        responses={201: DocumentDraftSerializer},
        summary="Draft a bulletin on the overdue work of a period (issued by /notice-drafts/{id}/issue/)",
    )
    @action(detail=False, methods=["post"], permission_classes=[IsLegalOffice])
    def bulletin(self, request):
        serializer = BulletinDraftRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        draft = bulletins.bulletin_draft(actor=request.user, **serializer.validated_data)
        return Response(DocumentDraftSerializer(draft).data, status=201)

    @extend_schema(
        request=CriticismRequestSerializer,
        responses={201: DocumentDraftSerializer},
        summary="Draft a criticism (通报批评) of a department",
    )
    @action(detail=False, methods=["post"], permission_classes=[IsLegalOffice])
    def criticism(self, request):
        serializer = CriticismRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        draft = bulletins.criticism_draft(actor=request.user, **serializer.validated_data)
        return Response(DocumentDraftSerializer(draft).data, status=201)

    @extend_schema(request=ReasonSerializer, responses=NoticeSerializer, summary="Void (作废)")
    @action(detail=True, methods=["post"], permission_classes=[IsLegalOffice])
    def void(self, request, pk=None):
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        notice = bulletins.notice_void(
            notice=self.get_object(), actor=request.user, **serializer.validated_data
        )
        return Response(NoticeSerializer(notice).data)


class DocumentDraftViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Bulletins and criticisms being drafted: the covering text is edited here, the PDF
    previewed, and the draft issued, when it takes its document number."""

    serializer_class = DocumentDraftSerializer
    permission_classes = [IsLegalOffice]

    def get_queryset(self):
        return (
            DocumentDraft.objects.for_user(self.request.user)
            .select_related("notice")
            .prefetch_related("copy_to_departments")
        )

    def perform_update(self, serializer):
        serializer.instance = bulletins.draft_update(
            draft=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        draft = self.get_object()
        response = HttpResponse(bulletins.render_preview_pdf(draft), content_type="application/pdf")
        response["Content-Disposition"] = f"inline; filename=draft-{draft.pk}.pdf"
        return response

    @extend_schema(request=None, responses={201: NoticeSerializer})
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        notice = bulletins.draft_issue(draft=self.get_object(), actor=request.user)
        return Response(NoticeSerializer(notice).data, status=201)
