from django.urls import path

from . import public

app_name = "public"

urlpatterns = [
    path("", public.search, name="search"),
    path("certificates/<str:number>/", public.certificate, name="certificate"),
    path("certificates/<str:number>/photo/", public.certificate_photo, name="certificate-photo"),
    path("entities/", public.entities, name="entities"),
]
