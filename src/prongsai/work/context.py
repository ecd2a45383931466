"""Template context for every page, without a database query: the address of the "next step"
line a step's page fetches after it has loaded (see views.next_banner)."""

from django.urls import reverse

from .selectors import STEP_PAGES


def next_step(request) -> dict:
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in STEP_PAGES:
        return {}
    if not getattr(request.user, "is_authenticated", False):
        return {}
    kw = match.kwargs
    args = [kw["pk"], kw["year"], match.view_name]
    if kw.get("round_code"):
        args.append(kw["round_code"])
    return {"next_step_url": reverse("work:next", args=args)}
