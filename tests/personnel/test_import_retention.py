"""A roster uploaded and never confirmed is deleted after ROSTER_UPLOAD_KEEP_HOURS (24): it holds
the citizen ID numbers of people who were never registered (issue 18)."""

from .test_import import roster, row, upload


def test_a_roster_never_confirmed_is_deleted_after_a_day(
    browser, clerk_a, published_a, django_capture_on_commit_callbacks
):
    import datetime

    import time_machine
    from django.core.files.storage import default_storage

    from personnel.importing import roster_uploads_purge
    from personnel.models import OfficerImport
    from personnel.tasks import purge_unconfirmed_rosters
    from supervision.models import AuditEntry

    start = datetime.datetime(2026, 12, 3, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        upload(browser, clerk_a, roster([row(1)]))
        kept = OfficerImport.objects.get()
        stored = kept.file.name
        assert default_storage.exists(stored)
        clock.shift(datetime.timedelta(hours=23))
        assert roster_uploads_purge() == 0
        clock.shift(datetime.timedelta(hours=2))
        with django_capture_on_commit_callbacks(execute=True):
            assert purge_unconfirmed_rosters.delay().get() == 1
        assert roster_uploads_purge() == 0  # once
    kept.refresh_from_db()
    assert kept.file.name == ""
    assert not default_storage.exists(stored)
    assert AuditEntry.objects.for_record(kept).filter(action="expire").count() == 1
    browser.force_login(clerk_a)
    confirm = browser.post(f"/personnel/officers/import/{kept.pk}/confirm/", follow=True)
    assert "upload" in confirm.content.decode() or "重新上传" in confirm.content.decode()
