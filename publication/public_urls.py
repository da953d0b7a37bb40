from django.urls import path

from . import public

app_name = "publication_public"

urlpatterns = [
    path("benchmarks/", public.benchmarks, name="benchmarks"),
    path("benchmarks/<int:pk>/", public.benchmark, name="benchmark"),
    path("decision-catalogues/", public.catalogues, name="catalogues"),
    path("decision-catalogues/<int:pk>/flowchart/", public.flowchart, name="flowchart"),
    path("normative-documents/", public.documents, name="documents"),
    path("normative-documents/cleanups/", public.cleanups, name="cleanups"),
    path("normative-documents/<int:pk>/text/", public.document_text, name="document-text"),
    path("normative-documents/<int:pk>/objection/", public.objection_new, name="objection-new"),
    path("objections/", public.objection_track, name="objection-track"),
    path("objections/filed/", public.objection_filed, name="objection-filed"),
]
