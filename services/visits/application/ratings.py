"""Store ratings through a signed QR code (SPEC V8): a submitted visit issues a code, the
store rates the visit once, `visit.rated` feeds weekly satisfaction per rep (scoring), and
visits answers a rep's week itself too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sales.events.v1 import visit_events_pb2
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound
from services.common.ids import new_id
from services.common.proto_time import to_timestamp
from services.common.unit_of_work import Transaction, UnitOfWork
from services.visits.application.ports import VisitsRepository
from services.visits.application.tenant_rules import rating_code_lifetime
from services.visits.domain.ratings import (
    IssuedToken,
    Rating,
    RatingClaims,
    WeeklySatisfaction,
    already_rated,
    forged,
    validate_rating,
)
from services.visits.domain.returns import period_keys

MAX_ID = 64


class RatingTokens(Protocol):
    """Signs and reads rating tokens (adapters/rating_tokens.py)."""

    def sign(self, claims: RatingClaims) -> str: ...
    def read(self, token: str) -> RatingClaims:
        """The claims of a token we signed; Unauthenticated for anything else."""
        ...

    def url(self, token: str) -> str: ...


class QrRenderer(Protocol):
    def png(self, text: str) -> bytes: ...


@dataclass(frozen=True)
class RatingCode:
    url: str
    token: str
    expires_at: datetime
    png: bytes


def issue_code(
    uow: UnitOfWork[VisitsRepository],
    tokens: RatingTokens,
    qr: QrRenderer,
    tenant_id: str,
    visit_id: str,
    rep_id: str,
    actor_id: str,
    now: datetime,
) -> RatingCode:
    """A QR code for a submitted visit. `rep_id` (when given) must be the visit's rep: a
    rep issues codes for their own visits only."""
    if not 0 < len(visit_id) <= MAX_ID:
        raise InvalidArgument.of_field("visit_id", "必须指明拜访编号")

    def work(tx: Transaction[VisitsRepository]) -> IssuedToken:
        card = tx.repo.cards.get(tenant_id, visit_id)
        if card is None or (rep_id and card.rep_id != rep_id):
            raise NotFound(f"拜访 {visit_id} 不存在")
        if tx.repo.ratings.of_visit(tenant_id, visit_id) is not None:
            raise FailedPrecondition("此次拜访已评价,无需再生成二维码")
        issued = IssuedToken(
            tenant_id=tenant_id,
            nonce=new_id(),
            visit_id=visit_id,
            rep_id=card.rep_id,
            store_id=card.store_id,
            issued_at=now,
            expires_at=now + rating_code_lifetime(tx.repo, tenant_id),
            issued_by=actor_id,
        )
        tx.repo.ratings.add_token(issued)
        return issued

    issued = uow.run(work, correlation_id=visit_id)
    claims = RatingClaims(tenant_id, visit_id, issued.nonce, issued.expires_at)
    token = tokens.sign(claims)
    url = tokens.url(token)
    return RatingCode(url, token, issued.expires_at, qr.png(url))


def rate_visit(
    uow: UnitOfWork[VisitsRepository],
    tokens: RatingTokens,
    token: str,
    stars: int,
    comment: str,
    now: datetime,
) -> Rating:
    """The store's rating. Refused, each with its own status: a forged token
    (UNAUTHENTICATED), an expired one (FAILED_PRECONDITION), a used one or an already rated
    visit (ALREADY_EXISTS); bad stars or comment (INVALID_ARGUMENT) spend nothing."""
    claims = tokens.read(token)
    claims.check_fresh(now)
    validate_rating(stars, comment)

    def work(tx: Transaction[VisitsRepository]) -> Rating:
        issued = tx.repo.ratings.token(claims.tenant_id, claims.nonce)
        if issued is None or issued.visit_id != claims.visit_id:
            raise forged()
        if not tx.repo.ratings.spend_token(claims.tenant_id, claims.nonce, now):
            raise already_rated()
        rating = _rating(tx, issued, stars, comment.strip(), now)
        tx.repo.ratings.add(rating)
        tx.emit("visit.rated", visit_rated(rating), rating.tenant_id)
        return rating

    return uow.run(work, correlation_id=claims.visit_id)


def _rating(
    tx: Transaction[VisitsRepository], issued: IssuedToken, stars: int, comment: str, now: datetime
) -> Rating:
    card = tx.repo.cards.get(issued.tenant_id, issued.visit_id)
    supervisor = tx.repo.people.supervisor_of(issued.tenant_id, issued.rep_id)
    return Rating(
        tenant_id=issued.tenant_id,
        visit_id=issued.visit_id,
        rep_id=issued.rep_id,
        store_id=issued.store_id,
        supervisor_id=supervisor.person_id if supervisor else "",
        stars=stars,
        comment=comment,
        rated_at=now,
        visited_at=card.checked_out_at if card else None,
        week=period_keys(now).week,
        nonce=issued.nonce,
    )


def visit_rated(rating: Rating) -> visit_events_pb2.VisitRated:
    return visit_events_pb2.VisitRated(
        visit_id=rating.visit_id,
        rep_id=rating.rep_id,
        store_id=rating.store_id,
        stars=rating.stars,
        comment=rating.comment,
        rated_at=to_timestamp(rating.rated_at),
        visited_at=to_timestamp(rating.visited_at),
        supervisor_id=rating.supervisor_id,
        week=rating.week,
    )


def weekly_satisfaction(
    uow: UnitOfWork[VisitsRepository], tenant_id: str, rep_id: str, week: str
) -> WeeklySatisfaction:
    return uow.repository().ratings.weekly(tenant_id, rep_id, week)
