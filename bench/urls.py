from django.urls import include, path

from bench.serving import bare

urlpatterns = [path("bench/bare/", bare), path("", include("supervision.urls"))]
