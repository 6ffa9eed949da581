"""`python -m services.scoring` runs the scoring service."""

from services.common.nameko_support.launcher import run_service  # noqa: I001  (patches first)
from services.scoring.entrypoints.service import ScoringService

run_service(ScoringService)
