"""Uploaded documents are served only through a record's scoped view, never from MEDIA_URL."""

import mimetypes
from pathlib import PurePath

from django.http import FileResponse, Http404

from supervision import uploads


def serve_document(field_file, download_name: str):
    """A stored upload, answered only to a request that already passed the record's scoping.

    The download carries the name the user uploaded when the record keeps it (``<field>_name``,
    see ``supervision.uploads``), else ``download_name``; the stored suffix is added if missing.
    """
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    suffix = PurePath(field_file.name).suffix.lower()
    field = getattr(field_file, "field", None)
    if field is not None:
        download_name = getattr(field_file.instance, uploads.name_field(field), "") or download_name
    if PurePath(download_name).suffix.lower() != suffix:
        download_name = f"{download_name}{suffix}"
    content_type = mimetypes.guess_type(f"x{suffix}")[0] or "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=download_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def serve_image(field_file):
    """A stored photo shown in the page (inline), answered only to a request that already passed
    the view's own check; never cached by the browser or a proxy."""
    if not field_file:
        raise Http404
    suffix = PurePath(field_file.name).suffix.lower().lstrip(".")
    if suffix not in uploads.PHOTOS:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, content_type="image/png" if suffix == "png" else "image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
