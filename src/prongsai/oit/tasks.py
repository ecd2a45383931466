from celery import shared_task


@shared_task(name="oit.check_links")
def check_links() -> None:
    """``prongsai oit check-links``: every OIT evidence link fetched, its state recorded."""
    from django.core.management import call_command

    call_command("oit", "check-links", verbosity=0)
