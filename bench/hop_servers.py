"""The two servers the gRPC-hop benchmark compares, answering the same constant RepStats:
`python -m bench.hop_servers nameko` (our nameko-grpc entrypoint, exactly as the services
run it) and `python -m bench.hop_servers plain` (grpc.aio on grpcio's C core)."""

from __future__ import annotations

import sys

if sys.argv[1:] == ["nameko"]:
    # eventlet must patch before anything else is imported (logging's locks included)
    import services.common.nameko_support.launcher  # noqa: F401

from sales.scoring.v1 import scoring_pb2 as pb  # noqa: E402

ANSWER = pb.RepStats(rep_id="bench", leads_assigned=3, visits_total=7)


def run_nameko() -> None:
    from sales.scoring.v1.scoring_pb2_grpc import ScoringStub
    from services.common.nameko_support.grpc_entrypoint import grpc_method
    from services.common.nameko_support.launcher import run_service

    grpc = grpc_method(ScoringStub)

    class HopService:
        name = "scoring"

        @grpc
        def GetRepStats(self, request, context):
            return ANSWER

    run_service(HopService)


def run_plain() -> None:
    import asyncio
    import os

    import grpc

    from sales.scoring.v1 import scoring_pb2_grpc

    class Plain(scoring_pb2_grpc.ScoringServicer):
        async def GetRepStats(self, request, context):
            return ANSWER

    async def serve() -> None:
        server = grpc.aio.server()
        scoring_pb2_grpc.add_ScoringServicer_to_server(Plain(), server)
        server.add_insecure_port(f"127.0.0.1:{os.environ['SALES_SCORING_GRPC_PORT']}")
        await server.start()
        await server.wait_for_termination()

    asyncio.run(serve())


if __name__ == "__main__":
    {"nameko": run_nameko, "plain": run_plain}[sys.argv[1]]()
