"""`python -m services.gateway` runs the gateway."""

from services.gateway.entrypoints.server import main

main()
