from django.urls import path

from . import public

app_name = "publication_public"

urlpatterns = [
    path("benchmarks/", public.benchmarks, name="benchmarks"),
    path("benchmarks/<int:pk>/", public.benchmark, name="benchmark"),
]
