"""Mint a development bearer token: python -m services.gateway.dev_token --role admin"""

from __future__ import annotations

import argparse

from services.common.config import Settings
from services.gateway.adapters.tokens import mint


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tenant", default="demo")
    parser.add_argument("--person", default="admin")
    parser.add_argument("--role", action="append", default=[], help="rep, supervisor, ...")
    parser.add_argument("--ttl", type=int, default=86400)
    args = parser.parse_args()
    print(
        mint(
            Settings("gateway").auth_secret,
            args.tenant,
            args.person,
            args.role or ["admin"],
            args.ttl,
        )
    )


if __name__ == "__main__":
    main()
