"""Settings read from environment variables.

Every default points at the embedded stack that `make infra-up` starts on 127.0.0.1, so a
fresh checkout runs without any configuration; production overrides them (see README).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

SERVICE_PORTS: dict[str, tuple[int, int]] = {
    # service: (gRPC port, Prometheus /metrics port)
    "gateway": (50050, 9300),
    "assignment": (50051, 9301),
    "visits": (50052, 9302),
    "media": (50053, 9303),
    "scoring": (50054, 9304),
    "notify": (50055, 9305),
}


# The development signing secret; the console's development login is on only while the
# gateway signs with it (services/gateway/entrypoints/session.py).
DEV_AUTH_SECRET = "dev-only-secret-change-me-in-prod!"
# The gateway's HTTP face and web console (ADR 033); visits' rating links point at its /rate.
CONSOLE_PORT = 8080


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


def _env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    service: str
    amqp_uri: str = field(
        default_factory=lambda: _env("SALES_AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/")
    )
    mongo_uri: str = field(
        default_factory=lambda: _env(
            "SALES_MONGO_URI",
            "mongodb://127.0.0.1:27017/?retryWrites=false&directConnection=true",
        )
    )
    # One database per service: <prefix><service>. Tests use a unique prefix per run.
    db_prefix: str = field(default_factory=lambda: _env("SALES_DB_PREFIX", "sales_"))
    grpc_host: str = field(default_factory=lambda: _env("SALES_GRPC_HOST", "127.0.0.1"))
    s3_endpoint: str = field(default_factory=lambda: _env("SALES_S3_ENDPOINT", "127.0.0.1:9000"))
    s3_access_key: str = field(default_factory=lambda: _env("SALES_S3_ACCESS_KEY", "sales-dev"))
    s3_secret_key: str = field(
        default_factory=lambda: _env("SALES_S3_SECRET_KEY", "sales-dev-secret")
    )
    s3_secure: bool = field(default_factory=lambda: _env_bool("SALES_S3_SECURE", False))
    s3_region: str = field(default_factory=lambda: _env("SALES_S3_REGION", "cn-east-1"))
    s3_bucket: str = field(default_factory=lambda: _env("SALES_S3_BUCKET", "sales-photos"))
    wecom_base_url: str = field(
        default_factory=lambda: _env("SALES_WECOM_BASE_URL", "http://127.0.0.1:18080/wecom")
    )
    wecom_corp_id: str = field(default_factory=lambda: _env("SALES_WECOM_CORP_ID", "ww-dev-corp"))
    wecom_corp_secret: str = field(
        default_factory=lambda: _env("SALES_WECOM_CORP_SECRET", "wecom-dev-secret")
    )
    wecom_agent_id: int = field(default_factory=lambda: _env_int("SALES_WECOM_AGENT_ID", 1000002))
    dingtalk_base_url: str = field(
        default_factory=lambda: _env("SALES_DINGTALK_BASE_URL", "http://127.0.0.1:18080/dingtalk")
    )
    dingtalk_app_key: str = field(
        default_factory=lambda: _env("SALES_DINGTALK_APP_KEY", "ding-dev-app")
    )
    dingtalk_app_secret: str = field(
        default_factory=lambda: _env("SALES_DINGTALK_APP_SECRET", "dingtalk-dev-secret")
    )
    dingtalk_agent_id: int = field(
        default_factory=lambda: _env_int("SALES_DINGTALK_AGENT_ID", 2000001)
    )
    # HS256 secret for development bearer tokens; production sets its own.
    auth_secret: str = field(default_factory=lambda: _env("SALES_AUTH_SECRET", DEV_AUTH_SECRET))
    log_level: str = field(default_factory=lambda: _env("SALES_LOG_LEVEL", "INFO"))

    @property
    def grpc_port(self) -> int:
        return _env_int(f"SALES_{self.service.upper()}_GRPC_PORT", SERVICE_PORTS[self.service][0])

    @property
    def metrics_port(self) -> int:
        return _env_int(
            f"SALES_{self.service.upper()}_METRICS_PORT", SERVICE_PORTS[self.service][1]
        )

    @property
    def console_port(self) -> int:
        return _env_int("SALES_CONSOLE_PORT", CONSOLE_PORT)

    @property
    def database(self) -> str:
        return f"{self.db_prefix}{self.service}"

    def target(self, service: str) -> str:
        """host:port of another service's gRPC server."""
        port = _env_int(f"SALES_{service.upper()}_GRPC_PORT", SERVICE_PORTS[service][0])
        host = _env(f"SALES_{service.upper()}_GRPC_HOST", self.grpc_host)
        return f"{host}:{port}"
