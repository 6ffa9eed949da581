"""The media service's whole public surface: its gRPC methods (SPEC M1)."""

from __future__ import annotations

from collections.abc import Iterator

from sales.media.v1 import media_pb2 as pb
from sales.media.v1.media_pb2_grpc import MediaStub
from services.common.nameko_support.base_service import OutboxRelayMixin
from services.common.nameko_support.dependencies import Kernel
from services.common.nameko_support.grpc_entrypoint import grpc_method
from services.media.adapters.repository import INDEXES, MongoPhotoRepository
from services.media.application import photos
from services.media.entrypoints.dependencies import PhotoStorage
from services.media.entrypoints.mapping import photo_to_pb, upload_parts

grpc = grpc_method(MediaStub)


class MediaService(OutboxRelayMixin):
    name = "media"
    kernel = Kernel("media", INDEXES, MongoPhotoRepository)
    storage = PhotoStorage()

    @grpc
    def UploadPhoto(self, request: Iterator[pb.UploadPhotoRequest], context) -> pb.Photo:
        photo = photos.upload_photo(
            self.kernel.uow,
            self.storage.store,
            upload_parts(request),
            self.kernel.clock.now(),
            self.storage.max_bytes,
        )
        return photo_to_pb(photo)

    @grpc
    def GetPhoto(self, request: pb.GetPhotoRequest, context) -> pb.Photo:
        return photo_to_pb(photos.get_photo(self.kernel.uow, request.tenant_id, request.photo_id))
