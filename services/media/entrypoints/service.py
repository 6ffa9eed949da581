"""The media service's whole public surface (SPEC M1-M5): its gRPC methods, the timer that
analyses stored photos, and the events it keeps its read models from."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from nameko.timer import timer

from sales.media.v1 import media_pb2 as pb
from sales.media.v1.media_pb2_grpc import MediaStub
from services.common.envelope import Envelope
from services.common.handling import Handler, Outcome, dispatch
from services.common.nameko_support.base_service import OutboxRelayMixin
from services.common.nameko_support.dependencies import Kernel
from services.common.nameko_support.event_consumer import handles_events
from services.common.nameko_support.grpc_entrypoint import grpc_method
from services.media.adapters.repository import INDEXES, MongoPhotoRepository
from services.media.application import analysis, directory, field_settings, photos, views
from services.media.entrypoints import mapping, metrics
from services.media.entrypoints.dependencies import PhotoStorage

log = logging.getLogger(__name__)
grpc = grpc_method(MediaStub)
metrics.initialise()


def _on_person(service: MediaService, payload, envelope: Envelope) -> Outcome:
    person = mapping.person_name_from_pb(payload.person)
    return directory.record_person(service.kernel.uow, envelope.id, person)


def _on_store(service: MediaService, payload, envelope: Envelope) -> Outcome:
    store = mapping.store_sighting_from_pb(envelope.tenant_id, payload.store)
    return directory.record_store(service.kernel.uow, envelope.id, store)


def _on_imported(service: MediaService, payload, envelope: Envelope) -> Outcome:
    tenant = envelope.tenant_id
    stores = [mapping.store_sighting_from_pb(tenant, item.store) for item in payload.stores]
    return directory.record_stores(service.kernel.uow, envelope.id, tenant, stores)


HANDLERS: dict[str, Handler] = {
    "org.person.upserted": _on_person,  # the rep's name on the watermark
    "store.registered": _on_store,  # names and places of stores, for the watermark and OCR
    "store.updated": _on_store,
    "store.imported": _on_imported,  # a chunk of an ImportStores sheet, in bulk (ADR 042)
}


class MediaService(OutboxRelayMixin):
    name = "media"
    kernel = Kernel("media", INDEXES, MongoPhotoRepository)
    storage = PhotoStorage()

    @grpc
    def UploadPhoto(self, request: Iterator[pb.UploadPhotoRequest], context) -> pb.Photo:
        photo = photos.upload_photo(
            self.kernel.uow,
            self.storage.store,
            self.storage.images,
            mapping.upload_parts(request),
            self.kernel.clock.now(),
            self.storage.max_bytes,
        )
        return mapping.photo_to_pb(photo)

    @grpc
    def GetPhoto(self, request: pb.GetPhotoRequest, context) -> pb.Photo:
        photo = photos.get_photo(self.kernel.uow, request.tenant_id, request.photo_id)
        state, result = self.kernel.uow.repository().get_analysis(photo.photo_id)
        return mapping.photo_to_pb(photo, state, result)

    @grpc
    def GetPhotoUrls(self, request: pb.GetPhotoUrlsRequest, context) -> pb.PhotoUrls:
        urls = views.photo_urls(
            self.kernel.uow,
            self.storage.store,
            request.tenant_id,
            request.photo_id,
            request.expires_in_seconds,
            self.kernel.clock.now(),
        )
        return mapping.urls_to_pb(urls)

    @grpc
    def GetFieldCheckSettings(self, request: pb.GetFieldCheckSettingsRequest, context):
        return mapping.settings_to_pb(
            field_settings.get_settings(self.kernel.uow, request.tenant_id)
        )

    @grpc
    def UpdateFieldCheckSettings(self, request: pb.FieldCheckSettings, context):
        updated = field_settings.update_settings(
            self.kernel.uow,
            mapping.settings_from_pb(request),
            by=request.updated_by,
            now=self.kernel.clock.now(),
        )
        return mapping.settings_to_pb(updated)

    # M2-M4: off the upload's path ----------------------------------------------------------
    @timer(interval=0.25)
    def analyse_stored_photos(self) -> None:
        """Each tick claims the due jobs; nameko waits for a tick to end before the next."""
        storage = self.storage
        for result in analysis.analyse_due_photos(
            self.kernel.uow, storage.images, storage.tools, self.kernel.clock, storage.replica
        ):
            metrics.observe(result)

    # read models ---------------------------------------------------------------------------
    @handles_events("media", HANDLERS)
    def on_event(self, event: Envelope) -> Outcome:
        return dispatch(HANDLERS, self, event)
