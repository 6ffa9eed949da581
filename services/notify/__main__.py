"""`python -m services.notify` runs the notify service."""

from services.common.nameko_support.launcher import run_service  # noqa: I001  (patches first)
from services.notify.entrypoints.service import NotifyService

run_service(NotifyService)
