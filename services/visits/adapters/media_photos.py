"""PhotoDirectory over gRPC: visits asks media, through nameko-grpc's client, whether the
card's photos are stored (docs/adr/026). The lookups of one card run concurrently; a photo
media does not know in this tenant (or knows in another one) is simply absent."""

from __future__ import annotations

from typing import Any

from grpc import StatusCode
from nameko_grpc.errors import GrpcError

from sales.media.v1 import media_pb2
from services.visits.application.ports import PhotoFact

LOOKUP_TIMEOUT_S = 5.0
ABSENT = (StatusCode.NOT_FOUND, StatusCode.INVALID_ARGUMENT)


class MediaPhotoDirectory:
    def __init__(self, media: Any) -> None:
        self._media = media  # a nameko_grpc proxy of the Media service

    def find(self, tenant_id: str, photo_ids: list[str]) -> dict[str, PhotoFact]:
        futures = [
            (photo_id, self._media.GetPhoto.future(
                media_pb2.GetPhotoRequest(tenant_id=tenant_id, photo_id=photo_id),
                timeout=LOOKUP_TIMEOUT_S,
            ))
            for photo_id in dict.fromkeys(photo_ids)
        ]  # fmt: skip
        found: dict[str, PhotoFact] = {}
        for photo_id, future in futures:
            try:
                photo = future.result()
            except GrpcError as error:
                if error.code in ABSENT:
                    continue
                raise  # media unavailable: the submit fails with that status and retries
            if photo.tenant_id == tenant_id:
                found[photo_id] = PhotoFact(photo_id, photo.rep_id)
        return found
