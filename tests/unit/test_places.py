"""Services ordered for a reader's place: national first, then regional, then worldwide; the rest left out."""

from __future__ import annotations

from tests.helpers import repository_kb
from whrdkb.core.directory import for_place, place_rank

KB = repository_kb()


def test_nearest_first_and_the_rest_left_out():
    services = KB.services.services
    serving, left_out = for_place(KB, services, "NP")
    ranks = [place_rank(KB, s, "NP") for s in serving]
    assert ranks == sorted(ranks) and ranks[0] == 0  # a service naming Nepal itself comes first
    assert {s.id for s in serving}.isdisjoint(s.id for s in left_out)
    assert len(serving) + len(left_out) == len(services)
    assert all(place_rank(KB, s, "NP") is None for s in left_out)
    assert any("GT" in s.areas for s in left_out)  # a Guatemalan service does not serve Nepal
    worldwide = [s for s in serving if "worldwide" in s.areas]
    assert worldwide and serving[-len(worldwide) :] == worldwide
