from django.urls import path

from . import public

app_name = "public-complaints"

urlpatterns = [
    path("new/", public.new, name="new"),
    path("new/departments/", public.departments, name="departments"),
    path("filed/", public.filed, name="filed"),
    path("track/", public.track, name="track"),
    path("<str:code>/", public.status, name="status"),
]
