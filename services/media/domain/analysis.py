"""The analysis of a stored photo (M2-M4) as a job that runs once, off the upload's path, and
the facts it finds."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from services.media.domain.exif import ExifVerdict
from services.media.domain.flags import Flag
from services.media.domain.reuse import HashedPhoto
from services.media.domain.storefront import StoreMatch

MAX_ATTEMPTS = 5
# Long enough for OCR on a busy 2-core machine; a replica that died is taken over after it.
CLAIM_FOR = timedelta(minutes=2)
FIRST_RETRY = timedelta(seconds=5)


class JobState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class AnalysisJob:
    tenant_id: str
    photo_id: str
    state: JobState
    due_at: datetime
    attempts: int = 0
    claim: str = ""  # the token of the replica working on it
    claimed_until: datetime | None = None
    last_error: str = ""

    @classmethod
    def for_new_photo(cls, tenant_id: str, photo_id: str, now: datetime) -> AnalysisJob:
        return cls(tenant_id, photo_id, JobState.PENDING, due_at=now)

    def claimed(self, token: str, now: datetime) -> AnalysisJob:
        return replace(self, claim=token, claimed_until=now + CLAIM_FOR)

    def after_failure(self, error: str, now: datetime) -> AnalysisJob:
        """Back off (5 s, 10 s, 20 s ...), and give up after MAX_ATTEMPTS."""
        attempts = self.attempts + 1
        state = JobState.FAILED if attempts >= MAX_ATTEMPTS else JobState.PENDING
        delay = FIRST_RETRY * (2 ** (attempts - 1))
        return replace(
            self,
            state=state,
            attempts=attempts,
            due_at=now + delay,
            last_error=error[:500],
            claim="",
            claimed_until=None,  # released: any replica may take the retry when it is due
        )


@dataclass(frozen=True)
class PhotoAnalysis:
    photo_id: str
    exif: ExifVerdict
    hashes: dict[str, str] = field(default_factory=dict)
    store_match: StoreMatch | None = None
    flags: tuple[Flag, ...] = ()
    watermarked_key: str = ""
    thumbnail_key: str = ""
    analyzed_at: datetime | None = None
    seconds: float = 0.0  # from stored to analysed
    hashed: HashedPhoto | None = None  # its entry in the reuse index, committed with it
