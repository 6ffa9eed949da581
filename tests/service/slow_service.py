"""A nameko service whose one gRPC method takes as long as it is asked to, run by the
project's own launcher and entrypoint: the shutdown tests SIGTERM it mid-call.

    python -m tests.service.slow_service   (ports from SALES_SCORING_GRPC_PORT / _METRICS_PORT)
"""

from services.common.nameko_support.launcher import run_service  # noqa: I001  (patches first)

import logging

import eventlet

from sales.scoring.v1 import scoring_pb2 as pb
from sales.scoring.v1.scoring_pb2_grpc import ScoringStub
from services.common.nameko_support.grpc_entrypoint import grpc_method

log = logging.getLogger(__name__)
grpc = grpc_method(ScoringStub)


class SlowService:
    name = "scoring"  # scoring's settings: the test gives it ports of its own

    @grpc
    def GetRepStats(self, request: pb.GetRepStatsRequest, context) -> pb.RepStats:
        seconds = float(request.rep_id)  # the rep id says how long the call takes
        log.info("slow call started", extra={"seconds": seconds})
        eventlet.sleep(seconds)
        return pb.RepStats(rep_id=request.rep_id, leads_assigned=7)


if __name__ == "__main__":
    run_service(SlowService)
