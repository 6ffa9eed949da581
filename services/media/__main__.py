"""`python -m services.media` runs the media service."""

from services.common.nameko_support.launcher import run_service  # noqa: I001  (patches first)
from services.media.entrypoints.service import MediaService

run_service(MediaService)
