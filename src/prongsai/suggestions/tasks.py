from celery import shared_task


@shared_task(name="suggestions.refresh")
def refresh() -> dict:
    """``prongsai suggestions refresh`` on a worker (the daily schedule): every family and
    effect rebuilt from the national data; the previous ones stay until the new are complete."""
    from .compute import recompute

    result = recompute()
    return {"families": result.families, "effects": result.effects, "seconds": result.seconds}
