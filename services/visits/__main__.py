"""`python -m services.visits` runs the visits service."""

from services.common.nameko_support.launcher import run_service  # noqa: I001  (patches first)
from services.visits.entrypoints.service import VisitsService

run_service(VisitsService)
