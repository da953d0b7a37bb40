from celery import shared_task

from . import notices
from .deadlines import run_deadline_checks


@shared_task(autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=3600, max_retries=8)
def send_notice_emails(notice_ids: list[int]) -> int:
    return notices.send_emails(notice_ids)


@shared_task
def run_deadline_checks_task(day: str | None = None) -> dict:
    import datetime

    results = run_deadline_checks(datetime.date.fromisoformat(day) if day else None)
    return {
        r.rule: {"reminders": r.reminders, "overdue": r.overdue, "changed": r.acted}
        for r in results
    }
