"""The source's director's question, asked of the loaded demo distributor: the county sold
more in these days; which reps, stores and visits moved it?"""

from __future__ import annotations

from devstack.demo_data import generate as g
from devstack.frontend import Frontend, call
from sales.scoring.v1 import orders_pb2 as o


def ask_about_the_spike(
    gateway: str, tenant: str, spike: g.Spike, director_id: str
) -> o.ExplainRegionRevenueResponse:
    director = Frontend(gateway, tenant, director_id, ["director"])
    request = o.ExplainRegionRevenueRequest(
        region_code=spike.county,
        first_day=spike.first_day.isoformat(),
        last_day=spike.last_day.isoformat(),
    )
    try:
        return call(director, "ExplainRegionRevenue", request)
    finally:
        director.close()
