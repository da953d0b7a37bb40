from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from .api import BadRequest, IsLegalOffice
from .models import AuditEntry
from .serializers import AuditEntrySerializer, MeSerializer, TokenRequestSerializer, TokenSerializer


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
