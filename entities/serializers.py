from supervision.api import StrictModelSerializer

from .models import Department


class DepartmentSerializer(StrictModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name", "region", "credit_code", "is_legal_office"]
        # The model's own constraint says it better ("there is already a legal office").
        extra_kwargs = {"is_legal_office": {"validators": []}}
