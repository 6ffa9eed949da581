"""`python -m services.assignment` runs the assignment service."""

from services.common.nameko_support.launcher import run_service  # noqa: I001  (patches first)
from services.assignment.entrypoints.service import AssignmentService

run_service(AssignmentService)
