from celery import shared_task


@shared_task(name="dashboards.refresh")
def refresh() -> None:
    """``prongsai dashboards refresh``: every summary rebuilt (the daily schedule)."""
    from django.core.management import call_command

    call_command("dashboards", "refresh", verbosity=0)
