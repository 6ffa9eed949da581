"""What the use cases need from the outside world; adapters/ implements it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, BinaryIO, Protocol

from services.common.unit_of_work import Transaction, UnitOfWork
from services.media.domain.analysis import AnalysisJob, PhotoAnalysis
from services.media.domain.exif import ExifFacts
from services.media.domain.flags import EarlierPhoto
from services.media.domain.model import GeoPoint, Photo
from services.media.domain.reuse import HashedPhoto
from services.media.domain.settings import FieldCheckSettings
from services.media.domain.storefront import SignLine
from services.media.domain.stores import PersonName, StoreSighting


class PhotoRepository(Protocol):
    # photos
    def get(self, photo_id: str) -> Photo | None: ...
    def add(self, photo: Photo) -> None:
        """Raises AlreadyExists if a photo with this id is already stored."""
        ...

    def get_analysis(self, photo_id: str) -> tuple[str, PhotoAnalysis | None]:
        """(job state, the analysis once done)."""
        ...

    def save_analysis(self, analysis: PhotoAnalysis) -> None: ...

    # analysis jobs: claimed with single conditional updates, so two replicas never both run one
    def add_job(self, job: AnalysisJob) -> None: ...
    def due_jobs(self, now: datetime, limit: int) -> list[AnalysisJob]: ...
    def claim_job(self, job: AnalysisJob, now: datetime) -> bool:
        """`job` carries the new claim; True if it was still unclaimed (or expired)."""
        ...

    def settle_job(self, job: AnalysisJob, token: str) -> bool:
        """Write `job`'s state if `token` still holds the claim; False if it was taken over."""
        ...

    # per-tenant thresholds
    def get_settings(self, tenant_id: str) -> FieldCheckSettings | None: ...
    def put_settings(self, settings: FieldCheckSettings) -> None: ...

    # read model of stores and people (from visits' and the gateway's events)
    def get_store(self, tenant_id: str, store_id: str) -> StoreSighting | None: ...
    def put_store(self, store: StoreSighting) -> None: ...
    def get_stores(self, tenant_id: str, store_ids: list[str]) -> dict[str, StoreSighting]:
        """The ones known, by store id: one read (a chunk of an import)."""
        ...

    def put_stores(self, stores: list[StoreSighting], known: set[str]) -> None:
        """One write: the stores whose id is not in `known` inserted, the others replaced."""
        ...

    def stores_near(
        self, tenant_id: str, point_wgs84: GeoPoint, radius_m: float, limit: int
    ) -> list[StoreSighting]: ...
    def get_person(self, tenant_id: str, person_id: str) -> PersonName | None: ...
    def put_person(self, person: PersonName) -> None: ...

    # the reuse index (M3): band keys -> photos, never a scan
    def add_hashes(self, entry: HashedPhoto) -> datetime:
        """Idempotent by photo id (a retried analysis writes the same entry); returns when the
        index first took it, by the database's clock (one clock for every replica)."""
        ...

    def sharing_bands(self, tenant_id: str, keys: list[str], limit: int) -> list[HashedPhoto]:
        """The tenant's photos that share at least one band key, at most `limit`."""
        ...


class PhotoStore(Protocol):
    """Object storage for the original bytes and the images derived from them."""

    def put(self, key: str, data: BinaryIO, length: int, content_type: str, sha256: str) -> None:
        """Raises Unavailable when the store cannot be reached; recreates a missing bucket."""
        ...

    def put_bytes(self, key: str, data: bytes, content_type: str) -> None: ...
    def get(self, key: str) -> bytes: ...
    def presigned_get(self, key: str, expires: timedelta) -> str: ...


@dataclass(frozen=True)
class ImageSize:
    width: int
    height: int


class Picture(Protocol):
    """One decoded photo, upright (EXIF orientation applied), shared by every step."""

    def exif(self) -> ExifFacts: ...
    def watermarked_jpeg(self, lines: list[str]) -> bytes: ...
    def thumbnail_jpeg(self) -> bytes: ...
    def perceptual_hashes(self) -> dict[str, str]: ...
    def rgb_array(self) -> Any:
        """An H x W x 3 uint8 array (numpy), for OCR and feature extraction."""
        ...


class ImageDecoder(Protocol):
    def inspect(self, data: BinaryIO, content_type: str) -> ImageSize:
        """Decode the whole image once, cheaply; raise InvalidArgument (field `chunk`) for a
        truncated, corrupt or oversized one, reading a bomb's header only."""
        ...

    def open(self, data: bytes) -> Picture: ...


class SignReader(Protocol):
    def read(self, picture: Picture) -> list[SignLine]: ...


@dataclass(frozen=True)
class ReuseFinding:
    """What the reused-photo check found: its hashes, the earlier photo if it is a copy, and
    the photo's own entry for the index (written with the analysis, in its transaction)."""

    hashes: dict[str, str]
    earlier: EarlierPhoto | None = None
    detail: str = ""
    entry: HashedPhoto | None = None


class ReuseCheck(Protocol):
    """M3, one step of the analysis (services/media/application/reuse_check.py)."""

    def check(self, photo: Photo, picture: Picture, index: PhotoRepository) -> ReuseFinding: ...


# What use cases are handed: the unit of work and transaction typed by media's repository.
MediaUnitOfWork = UnitOfWork[PhotoRepository]
MediaTransaction = Transaction[PhotoRepository]
