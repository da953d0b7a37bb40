from rest_framework import mixins, viewsets

from supervision.api import IsLegalOfficeOrReadOnly

from . import services
from .models import Department
from .serializers import DepartmentSerializer


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
