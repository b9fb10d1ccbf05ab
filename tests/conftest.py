from __future__ import annotations

from hypothesis import settings

# "ci" is what every nox test session runs: the differential tests must see at
# least 10,000 examples there. "dev" keeps local runs quick.
settings.register_profile("ci", max_examples=10_000, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=300, deadline=None)
settings.load_profile("dev")
