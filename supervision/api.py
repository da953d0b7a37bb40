from django.contrib.auth import authenticate
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from . import notices, services
from .filters import NoticeFilter
from .models import AuditEntry, Department, Notice
from .serializers import (
    AuditEntrySerializer,
    BulletinRequestSerializer,
    DepartmentSerializer,
    MeSerializer,
    NoticeReplySerializer,
    NoticeSerializer,
    TokenRequestSerializer,
    TokenSerializer,
)
from .web.api import BadRequest, IsLegalOffice, IsLegalOfficeOrReadOnly


class LoginRateThrottle(AnonRateThrottle):
    rate = "30/min"


@extend_schema(request=TokenRequestSerializer, responses=TokenSerializer)
@api_view(["POST"])
@permission_classes([permissions.AllowAny])
def obtain_token(request):
    """Exchange a username and password for an API token."""
    serializer = TokenRequestSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    user = authenticate(request=request._request, **serializer.validated_data)
    if user is None:
        raise BadRequest(_("The username or password is not correct."))
    token, _created = Token.objects.get_or_create(user=user)
    return Response({"token": token.key})


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
        OpenApiParameter("model", str, description="app_label.model, e.g. entities.department"),
        OpenApiParameter("object_id", str),
    ]
)
class AuditEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The audit trail, for the legal office: filter with ``?model=entities.department&object_id=3``."""

    serializer_class = AuditEntrySerializer
    permission_classes = [IsLegalOffice]

    def get_queryset(self):
        entries = AuditEntry.objects.select_related("actor", "content_type")
        model = self.request.query_params.get("model")
        if model:
            app_label, _dot, model_name = model.partition(".")
            entries = entries.filter(
                content_type__app_label=app_label, content_type__model=model_name
            )
        object_id = self.request.query_params.get("object_id")
        if object_id:
            entries = entries.filter(object_id=object_id[:64])
        return entries


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

    @extend_schema(request=BulletinRequestSerializer, responses={201: NoticeSerializer})
    @action(detail=False, methods=["post"], permission_classes=[IsLegalOffice])
    def bulletin(self, request):
        serializer = BulletinRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        notice = notices.bulletin_issue(actor=request.user, **serializer.validated_data)
        return Response(NoticeSerializer(notice).data, status=201)
