import pytest


@pytest.fixture
def planted_country(criteria, django_db_blocker):
    """A small country with planted effects, recomputed (fixed seeds)."""
    from prongsai.demo.national import generate
    from prongsai.suggestions.compute import recompute

    def make(agencies: int = 700, seed: int = 5):
        country = generate(seed=seed, agencies=agencies, planted=True)
        return country, recompute(chunk_size=500)

    return make
