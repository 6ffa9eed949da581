"""Ratings: contract messages <-> domain objects (SPEC V8)."""

from __future__ import annotations

import re
from datetime import datetime

from sales.visits.v1 import ratings_pb2 as pb
from services.common.errors import InvalidArgument
from services.common.proto_time import to_timestamp
from services.visits.application.ratings import RatingCode
from services.visits.domain.ratings import Rating, WeeklySatisfaction
from services.visits.domain.returns import period_keys

WEEK = re.compile(r"[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])")


def week_of(text: str, now: datetime) -> str:
    if not text:
        return period_keys(now).week
    if not WEEK.fullmatch(text):
        raise InvalidArgument.of_field("week", "周必须写作 YYYY-Www,例如 2026-W49")
    return text


def code_to_pb(visit_id: str, code: RatingCode) -> pb.RatingCode:
    return pb.RatingCode(
        visit_id=visit_id,
        url=code.url,
        token=code.token,
        expires_at=to_timestamp(code.expires_at),
        png=code.png,
    )


def rating_to_pb(rating: Rating) -> pb.RateVisitResponse:
    return pb.RateVisitResponse(
        visit_id=rating.visit_id, stars=rating.stars, rated_at=to_timestamp(rating.rated_at)
    )


def satisfaction_to_pb(week: WeeklySatisfaction) -> pb.RepSatisfaction:
    return pb.RepSatisfaction(
        rep_id=week.rep_id,
        week=week.week,
        ratings=week.ratings,
        average_stars=week.average,
        by_stars=list(week.by_stars),
    )
