"""Returns analysis: contract messages <-> domain objects (SPEC V6)."""

from __future__ import annotations

from datetime import date

from sales.visits.v1 import returns_pb2 as pb
from services.common.errors import Violations
from services.visits.domain.catalogue import Product
from services.visits.domain.returns import Granularity, RegionLevel, ReturnGroup, ReturnsQuery

GRANULARITY_FROM_PB = {
    pb.RETURNS_GRANULARITY_DAY: Granularity.DAY,
    pb.RETURNS_GRANULARITY_WEEK: Granularity.WEEK,
    pb.RETURNS_GRANULARITY_MONTH: Granularity.MONTH,
}
REGION_LEVEL_FROM_PB = {
    pb.RETURNS_REGION_LEVEL_UNSPECIFIED: RegionLevel.COUNTY,
    pb.RETURNS_REGION_LEVEL_COUNTY: RegionLevel.COUNTY,
    pb.RETURNS_REGION_LEVEL_CITY: RegionLevel.CITY,
    pb.RETURNS_REGION_LEVEL_PROVINCE: RegionLevel.PROVINCE,
}


def _day(v: Violations, text: str, field: str) -> date:
    try:
        if len(text) == 10:  # fromisoformat also takes 20261201 and week dates
            return date.fromisoformat(text)
    except ValueError:
        pass
    v.add(field, "日期格式必须是 YYYY-MM-DD")
    return date.min


def query_from_pb(r: pb.AnalyseReturnsRequest) -> ReturnsQuery:
    v = Violations()
    first, last = _day(v, r.first_day, "first_day"), _day(v, r.last_day, "last_day")
    granularity = GRANULARITY_FROM_PB.get(r.granularity)
    v.check(granularity is not None, "granularity", "必须选择按日、按周或按月")
    level = REGION_LEVEL_FROM_PB.get(r.region_level)
    v.check(level is not None, "region_level", "区域层级必须是区县、城市或省")
    v.raise_if_any()
    return ReturnsQuery(
        tenant_id=r.tenant_id,
        first_day=first,
        last_day=last,
        granularity=granularity,  # type: ignore[arg-type]
        region_level=level,  # type: ignore[arg-type]
        region_prefix=r.region_prefix,
        sku=r.sku,
        reason=r.reason,
        rep_ids=tuple(r.rep_ids),
    )


def analysis_to_pb(
    groups: list[ReturnGroup], products: dict[str, Product]
) -> pb.AnalyseReturnsResponse:
    return pb.AnalyseReturnsResponse(
        groups=[
            pb.ReturnGroup(
                period=g.period,
                region_code=g.region_code,
                sku=g.sku,
                reason=g.reason,
                reason_label=g.reason_label,
                quantity=g.quantity,
                count=g.count,
                product_name=products[g.sku].name if g.sku in products else "",
            )
            for g in groups
        ],
        total_quantity=sum(g.quantity for g in groups),
        total_count=sum(g.count for g in groups),
    )
