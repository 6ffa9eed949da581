"""What the use cases need from the outside world; adapters/ implements it."""

from __future__ import annotations

from typing import BinaryIO, Protocol

from services.media.domain.model import Photo


class PhotoRepository(Protocol):
    def get(self, photo_id: str) -> Photo | None: ...
    def add(self, photo: Photo) -> None:
        """Raises AlreadyExists if a photo with this id is already stored."""
        ...


class PhotoStore(Protocol):
    """Object storage for the original bytes."""

    def put(
        self, key: str, data: BinaryIO, length: int, content_type: str, sha256: str
    ) -> None: ...
