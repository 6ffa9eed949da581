"""`python -m services.scoring` runs the scoring service: its figures (entrypoints/service.py)
and its orders capability (entrypoints/orders_service.py, ADR 031) in one process, on one
gRPC port."""

from services.common.nameko_support.launcher import run_service  # noqa: I001  (patches first)
from services.scoring.entrypoints.orders_service import ScoringOrdersMixin
from services.scoring.entrypoints.service import ScoringService


class ScoringProcess(ScoringOrdersMixin, ScoringService):
    name = "scoring"


run_service(ScoringProcess)
