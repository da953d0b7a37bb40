from celery import shared_task

from .importing import roster_uploads_purge


@shared_task
def purge_unconfirmed_rosters() -> int:
    """Hourly (settings.CELERY_BEAT_SCHEDULE): roster files never confirmed within a day."""
    return roster_uploads_purge()
