"""A service that calls another over gRPC (visits -> media) starts while the other is down,
answers UNAVAILABLE while it is, and reaches it once it is up (nameko-grpc's own client
exited at start-up, and hung after a failed reconnect)."""

from __future__ import annotations

import time

import pytest
from nameko.testing.services import dummy, entrypoint_hook
from nameko_grpc.errors import GrpcError

from devstack.probes import free_port
from sales.media.v1 import media_pb2
from sales.media.v1.media_pb2_grpc import MediaStub
from services.common.nameko_support.grpc_client import ResilientGrpcProxy
from services.common.nameko_support.grpc_entrypoint import grpc_method

PORT = free_port()
grpc = grpc_method(MediaStub)


class Caller:
    name = "caller"
    media = ResilientGrpcProxy(f"//127.0.0.1:{PORT}", MediaStub)

    @dummy
    def photo(self, photo_id: str) -> str:
        found = self.media.GetPhoto(media_pb2.GetPhotoRequest(photo_id=photo_id), timeout=5)
        return found.rep_id


class FakeMedia:
    name = "media"

    @grpc
    def GetPhoto(self, request, context) -> media_pb2.Photo:
        return media_pb2.Photo(photo_id=request.photo_id, rep_id="rep-1")


@pytest.fixture
def config(service_config) -> dict:
    return {**service_config, "GRPC_BIND_PORT": PORT, "GRPC_BIND_HOST": "127.0.0.1"}


def test_the_caller_starts_without_its_server_and_reaches_it_once_it_is_up(
    container_factory, config
):
    caller = container_factory(Caller, config)
    caller.start()  # media is not listening: the container starts all the same
    with entrypoint_hook(caller, "photo") as photo:
        started = time.monotonic()
        with pytest.raises(GrpcError) as error:
            photo("p-1")
        assert error.value.code.name == "UNAVAILABLE"
        assert time.monotonic() - started < 10
        media = container_factory(FakeMedia, config)
        media.start()
        assert photo("p-1") == "rep-1"
