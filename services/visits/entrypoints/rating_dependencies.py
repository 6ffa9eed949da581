"""nameko dependency giving visits' workers the rating-token signer and the QR renderer."""

from __future__ import annotations

from dataclasses import dataclass

from nameko.extensions import DependencyProvider

from services.visits.adapters.qr_codes import PngQrCodes
from services.visits.adapters.rating_tokens import JwtRatingTokens


@dataclass(frozen=True)
class RatingKit:
    tokens: JwtRatingTokens
    qr: PngQrCodes


class RatingTools(DependencyProvider):
    """Reads SALES_RATING_SECRET and SALES_RATING_URL once, at start-up."""

    def setup(self) -> None:
        self.kit = RatingKit(JwtRatingTokens.from_env(), PngQrCodes())

    def get_dependency(self, worker_ctx) -> RatingKit:
        return self.kit
