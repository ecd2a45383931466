import logging
import resource

from celery import shared_task

log = logging.getLogger(__name__)


@shared_task(name="suggestions.refresh")
def refresh(chunk_size: int = 5000, seed: int = 0) -> dict:
    """``prongsai suggestions refresh`` on a worker (the daily schedule): every family and
    effect rebuilt from the national data; the previous ones stay until the new are complete.
    Logs (and returns) its figures, with the worker's peak memory so far."""
    from .compute import recompute

    result = recompute(chunk_size=chunk_size, seed=seed)
    figures = {
        "families": result.families,
        "effects": result.effects,
        "question_effects": result.question_effects,
        "seconds": result.seconds,
        "steps": result.steps,
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    log.info("suggestions.refresh done %s", figures)
    return figures
