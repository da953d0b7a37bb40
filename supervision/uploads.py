"""One policy for every uploaded file: which types, how large, where it is kept, under what name.

- A type is allowed by its suffix **and by its content**: a ``.pdf`` must start like a PDF, a
  ``.docx`` must be a zip with Word's parts, and so on. A renamed executable or web page is
  refused on its field with a message that says what was expected.
- The size limit is ``settings.UPLOAD_MAX_MB`` (``UPLOAD_SHEET_MAX_MB`` for .xlsx imports), read
  when a file is checked.
- A stored file gets a random name, ``<folder>/<uuid4 hex><suffix>``, in a folder per kind of
  document (``RandomName``): nobody guesses another department's file even if the media folder
  were exposed by mistake. Files are served only through a record's scoped view
  (``supervision.web.documents.serve_document``), under the name the user uploaded: a model keeps
  it in ``<field>_name`` (``evidence`` → ``evidence_name``), filled in by ``remember_names``,
  which the kernel's ``save_new`` and ``apply_changes`` call.

A model's file field therefore reads::

    evidence = models.FileField(
        _("evidence"), upload_to=uploads.RandomName("personnel/evidence"), blank=True,
        validators=uploads.validators(uploads.DOCUMENTS),
    )
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)

What is already stored was checked when it came in: the checks below look only at new uploads,
so saving a record again never reopens its file.
"""

import uuid
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import FileExtensionValidator
from django.db.models import FileField
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Allowed types by kind of document.
DOCUMENTS = ("pdf", "ofd", "jpg", "jpeg", "png", "doc", "docx")
ATTACHMENTS = ("pdf", "ofd", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png", "zip")
SHEETS = ("xlsx",)
PHOTOS = ("jpg", "jpeg", "png")
# A paper signed and sealed by its department: the PDF, or a scan or photo of it.
SIGNED_PAPERS = ("pdf", *PHOTOS)

# How each type's content starts (its "magic bytes"), or which parts its zip must hold.
_PDF = b"%PDF-"
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Office 97-2003 and WPS
_SIGNATURES = {
    "pdf": _PDF,
    "png": _PNG,
    "jpg": _JPEG,
    "jpeg": _JPEG,
    "doc": _OLE2,
    "xls": _OLE2,
    "wps": _OLE2,
}
# Office Open XML is a zip with a content-types part and the application's folder; OFD
# (GB/T 33190) is a zip whose entry file is OFD.xml at the root.
_ZIP_PARTS = {
    "docx": ("[content_types].xml", "word/"),
    "xlsx": ("[content_types].xml", "xl/"),
    "ofd": ("ofd.xml",),
    "zip": (),
}
_TYPE_NAMES = {
    "pdf": "PDF",
    "ofd": "OFD",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "doc": "Word 97-2003",
    "docx": "Word",
    "wps": "WPS",
    "xls": "Excel 97-2003",
    "xlsx": "Excel",
    "zip": "ZIP",
}


def suffix_of(name: str) -> str:
    """The lower-cased suffix without its dot: ``报告.PDF`` → ``pdf``."""
    return PurePath(str(name or "")).suffix.lower().lstrip(".")


def _is_new(file) -> bool:
    # A FieldFile already in storage has ``_committed``; an upload (or a FieldFile wrapping one
    # that is about to be saved) has it False or not at all.
    return not getattr(file, "_committed", False)


def _zip_names(handle) -> list[str] | None:
    try:
        with zipfile.ZipFile(handle) as archive:
            return [name.lower() for name in archive.namelist()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _has_part(names: list[str], part: str) -> bool:
    """A zip's entry ``part``, or, for a folder (``word/``), any entry inside it."""
    if part.endswith("/"):
        return any(name.startswith(part) for name in names)
    return part in names


def has_content_of(file, extension: str) -> bool:
    """Whether the bytes of ``file`` are of type ``extension`` (see ``_SIGNATURES``, ``_ZIP_PARTS``).

    Reads from the start and puts the file back at the start.
    """
    handle = getattr(file, "file", file) or file
    handle.seek(0)
    try:
        if extension in _SIGNATURES:
            signature = _SIGNATURES[extension]
            return handle.read(len(signature)) == signature
        if extension in _ZIP_PARTS:
            names = _zip_names(handle)
            if names is None:
                return False
            if any(name.rsplit("/", 1)[-1] == "vbaproject.bin" for name in names):
                return extension == "zip"  # macros: a .docm renamed .docx is not a document
            return all(_has_part(names, part) for part in _ZIP_PARTS[extension])
        raise ImproperlyConfigured(f"The upload policy does not know how to check .{extension}.")
    finally:
        handle.seek(0)


@deconstructible
class FileTypeValidator(FileExtensionValidator):
    """The suffix is one of ``allowed_extensions`` and the content is of that type."""

    content_message = _(
        "The file's name ends in .%(extension)s, but its content is not a %(type)s file. "
        "Upload the document itself, in one of these types: %(allowed_extensions)s."
    )

    def __init__(self, allowed_extensions, message=None, code=None):
        allowed = [extension.lower() for extension in allowed_extensions]
        unknown = [e for e in allowed if e not in _SIGNATURES and e not in _ZIP_PARTS]
        if unknown:
            raise ImproperlyConfigured(f"The upload policy cannot check: {', '.join(unknown)}.")
        super().__init__(allowed, message=message, code=code)

    def __call__(self, value):
        super().__call__(value)  # Django's check and message for a suffix not allowed
        if not value or not _is_new(value):
            return
        extension = suffix_of(value.name)
        if not has_content_of(value, extension):
            raise ValidationError(
                self.content_message,
                code="invalid_content",
                params={
                    "extension": extension,
                    "type": _TYPE_NAMES[extension],
                    "allowed_extensions": ", ".join(self.allowed_extensions),
                },
            )


def check_archive(file) -> None:
    """An Office file (a zip) that would unpack to more than ``UPLOAD_SHEET_MAX_UNPACKED_MB`` or
    holds more than ``UPLOAD_SHEET_MAX_PARTS`` parts is refused before a parser opens it: a 1 MB
    file can inflate to a gigabyte. The sizes are the ones the zip declares; Python's zipfile
    never inflates an entry past its declared size, so a lying zip gains nothing."""
    handle = getattr(file, "file", file) or file
    handle.seek(0)
    limit_mb, max_parts = settings.UPLOAD_SHEET_MAX_UNPACKED_MB, settings.UPLOAD_SHEET_MAX_PARTS
    try:
        with zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip: the content check says so in its own words
    finally:
        handle.seek(0)
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > max_parts or unpacked > limit_mb * 1024 * 1024:
        raise ValidationError(
            _(
                "The file would unpack to more than %(limit)d MB or holds more than %(parts)d "
                "parts: it is refused unread."
            ),
            code="archive_too_large",
            params={"limit": limit_mb, "parts": max_parts},
        )


def max_mb() -> int:
    return settings.UPLOAD_MAX_MB


def sheet_max_mb() -> int:
    return settings.UPLOAD_SHEET_MAX_MB


def _check_size(file, limit_mb: int) -> None:
    if not file or not _is_new(file):
        return
    if (getattr(file, "size", None) or 0) > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is larger than %(limit)d MB."), code="file_size", params={"limit": limit_mb}
        )


def validate_size(file) -> None:
    """At most ``UPLOAD_MAX_MB`` megabytes."""
    _check_size(file, max_mb())


def validate_sheet_size(file) -> None:
    """An .xlsx import: at most ``UPLOAD_SHEET_MAX_MB`` megabytes."""
    _check_size(file, sheet_max_mb())


def validators(types) -> list:
    """The validators of a model's file field that takes ``types``."""
    return [FileTypeValidator(types), validate_size]


def sheet_validators() -> list:
    """The validators of a kept .xlsx import."""
    return [FileTypeValidator(SHEETS), validate_sheet_size]


def check_uploads(files, *, types, field: str = "file") -> list:
    """Check every upload before anything is saved, so that a wrong file leaves no other on disk.

    Raises one ValidationError on ``field`` with every file's problems.
    """
    files = list(files)
    errors = []
    for upload in files:
        for validator in validators(types):
            try:
                validator(upload)
            except ValidationError as error:
                errors += error.messages
                break
    if errors:
        raise ValidationError({field: errors})
    return files


def random_name(folder: str, filename: str) -> str:
    """Where an upload is stored: the folder, a random name, the original suffix in lower case."""
    return f"{folder}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"


@deconstructible
class RandomName:
    """A file field's ``upload_to``: ``folder/<random>.<suffix>``; with ``per``, a sub-folder per
    value of that attribute (``per="decision_id"``: one folder per decision)."""

    def __init__(self, folder: str, per: str | None = None):
        self.folder = folder.strip("/")
        self.per = per

    def __call__(self, instance, filename: str) -> str:
        folder = self.folder
        if self.per:
            folder = f"{folder}/{getattr(instance, self.per)}"
        return random_name(folder, filename)

    def _key(self):
        return (self.folder, self.per)

    def __eq__(self, other):
        return isinstance(other, RandomName) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())


def original_name(upload, limit: int = 200) -> str:
    """The name the user gave the file, without any folder, cut to ``limit`` keeping the suffix."""
    name = PurePath(str(getattr(upload, "name", "") or "").replace("\\", "/")).name
    if len(name) <= limit:
        return name
    suffix = PurePath(name).suffix[:10]
    return name[: limit - len(suffix)] + suffix


def name_field(file_field) -> str:
    """Where a record keeps the original name of the file in ``file_field``."""
    return f"{file_field.name}_name"


def remember_names(obj) -> list[str]:
    """Keep the original name of each new upload on ``obj`` in its ``<field>_name``.

    Returns the names of the fields set, for ``save(update_fields=...)``.
    """
    changed = []
    for field in obj._meta.concrete_fields:
        if not isinstance(field, FileField):
            continue
        value = getattr(obj, field.attname)
        target = name_field(field)
        if value and _is_new(value) and hasattr(obj, target):
            setattr(obj, target, original_name(value))
            changed.append(target)
    return changed
