"""S6 end to end: the generator's tiny slice loaded into a sandbox platform through the
services' own paths, its ERP orders published as erp.order.recorded onto the exchange, and
the director's question about the planted county spike names the planted reps and stores.
A back-fill of the same orders through the gateway changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from devstack.demo_data import generate as g
from devstack.demo_data import load
from devstack.frontend import Frontend, call
from sales.common.v1 import types_pb2 as t
from sales.scoring.v1 import orders_pb2 as so
from services.common.clock import SHANGHAI
from tests.e2e.conftest import wait_until


def test_the_county_spike_names_the_planted_reps_and_stores(platform, stack, tenant):
    data = g.generate("tiny", 11, datetime.now(SHANGHAI).date() - timedelta(days=1))
    loaded = load.load(data, platform.gateway_target, tenant, stack["SALES_AMQP_URI"], quiet=True)
    assert loaded.refused == [] and len(loaded.store_ids) == len(data.stores)
    spike = data.spike
    director = Frontend(platform.gateway_target, tenant, "dir-001", ["director"])
    question = so.ExplainRegionRevenueRequest(
        region_code=spike.county, first_day=spike.first_day.isoformat(),
        last_day=spike.last_day.isoformat(), page=t.PageRequest(page_size=12),
    )  # fmt: skip
    county = {s.external_id for s in data.stores if s.region_code == spike.county}
    days = (spike.last_day - spike.first_day).days + 1
    first = datetime.combine(spike.first_day - timedelta(days=days), datetime.min.time(), SHANGHAI)
    last = datetime.combine(spike.last_day + timedelta(days=1), datetime.min.time(), SHANGHAI)
    expected = sum(
        o.total_fen
        for o in data.orders
        if o.store_external_id in county and first <= o.ordered_at < last
    )

    def answered():
        answer = call(director, "ExplainRegionRevenue", question)
        return answer if answer.current_fen + answer.previous_fen == expected else None

    answer = wait_until(answered, timeout_s=120)
    assert answer, "scoring did not take every order of the county"
    assert answer.change_fen > 0
    assert {r.rep_id for r in answer.reps[:3]} == set(spike.reps)
    planted = {loaded.store_ids[x] for x in spike.stores}
    assert {s.store_id for s in answer.stores[:12]} == planted
    assert all(s.owner_rep_id in spike.reps and s.last_visit_id for s in answer.stores[:12])
    assert answer.visits and {v.rep_id for v in answer.visits[:5]} <= set(spike.reps)
    assert "义乌" in answer.summary or spike.county in answer.summary

    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    county_orders = [load.order_event(o) for o in data.orders if o.store_external_id in county][
        :500
    ]
    replay = call(admin, "RecordOrders", so.RecordOrdersRequest(orders=county_orders))
    assert replay.already_recorded == len(county_orders) and replay.recorded == 0
    assert call(director, "ExplainRegionRevenue", question).current_fen == answer.current_fen
    director.close()
    admin.close()
