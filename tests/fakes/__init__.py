"""In-memory fakes of the services' ports, one module per service, for fast unit tests of
the use cases; tests/integration/test_*_repository_contract.py runs the same cases against
each fake and its MongoDB repository so the two cannot drift."""
