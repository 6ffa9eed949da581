from sales.visits.v1 import batches_pb2 as _batches_pb2
from sales.visits.v1 import cards_pb2 as _cards_pb2
from sales.visits.v1 import catalogue_pb2 as _catalogue_pb2
from sales.visits.v1 import commitments_pb2 as _commitments_pb2
from sales.visits.v1 import first_visits_pb2 as _first_visits_pb2
from sales.visits.v1 import history_pb2 as _history_pb2
from sales.visits.v1 import plans_pb2 as _plans_pb2
from sales.visits.v1 import settings_pb2 as _settings_pb2
from sales.visits.v1 import sheets_pb2 as _sheets_pb2
from sales.visits.v1 import stores_pb2 as _stores_pb2
from sales.visits.v1 import approvals_pb2 as _approvals_pb2
from sales.visits.v1 import ratings_pb2 as _ratings_pb2
from sales.visits.v1 import returns_pb2 as _returns_pb2
from sales.visits.v1 import stock_pb2 as _stock_pb2
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor
