"""notify alone, wired to its own WeCom/DingTalk stand-in, RabbitMQ vhost and database prefix.

Used by notify's integration tests and `bench/notify_throughput.py`: they publish events
straight to the `sales.events` exchange (as the other services would), steer the stand-in's
faults, count what it received, and read the delivery log over notify's own gRPC port. A
developer's running platform and the shared stand-in on 18080 are never touched.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import grpc
import pika
import pika.exceptions
import pymongo
import requests
from google.protobuf.message import Message
from prometheus_client.parser import text_string_to_metric_families

from devstack import infra
from devstack.platform import ROOT, Platform, free_port_env
from devstack.probes import free_port, port_open, wait_until
from devstack.sandbox import MONGO, consuming, create_vhost, remove
from sales.common.v1 import org_pb2
from sales.events.v1 import org_events_pb2
from sales.notify.v1 import notify_pb2 as n
from sales.notify.v1.notify_pb2_grpc import NotifyStub
from services.common import envelope as envelopes


class NotifyRig:
    def __init__(self, log_dir: Path, extra_env: dict[str, str] | None = None) -> None:
        self.log_dir = log_dir
        self.extra_env = extra_env or {}
        self.vhost = f"notify-{uuid.uuid4().hex[:8]}"
        self.prefix = f"nt{uuid.uuid4().hex[:6]}_"
        self.standin_port = free_port()
        self.standin_url = f"http://127.0.0.1:{self.standin_port}"
        self._standin: subprocess.Popen[bytes] | None = None
        self.platform: Platform | None = None
        self._conn: pika.BlockingConnection | None = None
        self._channel = None
        self._grpc: grpc.Channel | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> NotifyRig:
        infra.up(["rabbitmq", "mongo"])
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._standin = subprocess.Popen(
            [sys.executable, "-m", "devstack.im_standin", "--port", str(self.standin_port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(self.log_dir / "standin.log", "ab"),  # noqa: SIM115
            start_new_session=True,
        )
        deadline = time.monotonic() + 15
        while not port_open(self.standin_port):
            if time.monotonic() > deadline or self._standin.poll() is not None:
                raise RuntimeError("stand-in did not start")
            time.sleep(0.05)
        env = {
            **free_port_env(),
            "SALES_AMQP_URI": create_vhost(self.vhost),
            "SALES_DB_PREFIX": self.prefix,
            "SALES_WECOM_BASE_URL": f"{self.standin_url}/wecom",
            "SALES_DINGTALK_BASE_URL": f"{self.standin_url}/dingtalk",
            **self.extra_env,
        }
        self.platform = Platform(env, log_dir=self.log_dir)
        self.platform.start(["notify"], quiet=True)
        params = pika.URLParameters(env["SALES_AMQP_URI"])
        self._conn = pika.BlockingConnection(params)
        self._channel = self._conn.channel()
        self._channel.confirm_delivery()
        self._channel.exchange_declare(envelopes.EXCHANGE, "topic", durable=True)
        if not wait_until(lambda: consuming(env["SALES_AMQP_URI"], ["notify.events"]), 30):
            raise RuntimeError("notify never started consuming notify.events")
        self._grpc = grpc.insecure_channel(f"127.0.0.1:{self.platform.port('notify')}")
        self.stub = NotifyStub(self._grpc)
        return self

    def stop(self) -> None:
        for closer in (
            lambda: self._grpc and self._grpc.close(),
            lambda: self._conn and self._conn.close(),
            lambda: self.platform and self.platform.stop(),
        ):
            with contextlib.suppress(Exception):  # best-effort teardown
                closer()
        if self._standin is not None:
            self._standin.terminate()
            try:
                self._standin.wait(5)
            except subprocess.TimeoutExpired:
                self._standin.kill()
                self._standin.wait()
        remove(self.vhost, self.prefix)

    def __enter__(self) -> NotifyRig:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- events ----------------------------------------------------------------------------

    def publish(self, event_type: str, payload: Message, tenant_id: str) -> str:
        envelope = envelopes.new_envelope(event_type, payload, tenant_id=tenant_id, producer="test")
        self.publish_raw(event_type, envelopes.to_json(envelope), envelope.id, tenant_id)
        return envelope.id

    def publish_raw(self, event_type: str, body: str, event_id: str, tenant_id: str) -> None:
        self._channel.basic_publish(
            exchange=envelopes.EXCHANGE,
            routing_key=event_type,
            body=body.encode(),
            properties=pika.BasicProperties(
                content_type="application/json",
                content_encoding="utf-8",
                delivery_mode=2,
                message_id=event_id,
                type=event_type,
                headers={"tenant_id": tenant_id},
            ),
        )

    def person(self, tenant_id: str, person_id: str, **fields: Any) -> str:
        person = org_pb2.Person(tenant_id=tenant_id, person_id=person_id, **fields)
        return self.publish(
            "org.person.upserted", org_events_pb2.PersonUpserted(person=person), tenant_id
        )

    def wait_contacts(self, tenant_id: str, count: int, timeout_s: float = 30) -> int:
        """Until notify's directory holds `count` people of the tenant (the broker's queue
        statistics lag by seconds, so ask the database)."""
        client = pymongo.MongoClient(MONGO)
        contacts = client[f"{self.prefix}notify"]["contacts"]
        deadline = time.monotonic() + timeout_s
        try:
            while True:
                found = contacts.count_documents({"tenant_id": tenant_id})
                if found >= count or time.monotonic() > deadline:
                    return found
                time.sleep(0.1)
        finally:
            client.close()

    def queue_depth(self, queue: str = "notify.events") -> int:
        """Messages ready in a queue, from the broker itself (the management API's figures
        lag by seconds); 0 if the queue does not exist."""
        channel = self._conn.channel()
        try:
            return channel.queue_declare(queue, passive=True).method.message_count
        except pika.exceptions.ChannelClosedByBroker:
            return 0
        finally:
            if channel.is_open:
                channel.close()

    def wait_drained(self, timeout_s: float = 30) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.queue_depth() == 0:
                return
            time.sleep(0.2)

    def consumed(self, event_type: str, outcome: str) -> float:
        """notify's own count of consumed events of one type by outcome
        (sales_events_consumed_total), read from its /metrics."""
        url = f"http://127.0.0.1:{self.platform.port('notify', 'METRICS')}/metrics"
        wanted = {"service": "notify", "type": event_type, "outcome": outcome}
        for family in text_string_to_metric_families(requests.get(url, timeout=10).text):
            for sample in family.samples:
                if sample.name == "sales_events_consumed_total" and sample.labels == wanted:
                    return sample.value
        return 0.0

    # -- the stand-in ----------------------------------------------------------------------

    def standin(self, path: str, body: dict | None = None) -> dict:
        url = f"{self.standin_url}/_standin/{path}"
        if body is None:
            return requests.get(url, timeout=10).json()
        answer = requests.post(url, json=body, timeout=10)
        answer.raise_for_status()
        return answer.json()

    def messages(self, channel: str = "", since: float = 0) -> list[dict]:
        params = {"since": str(since)} | ({"channel": channel} if channel else {})
        url = f"{self.standin_url}/_standin/messages"
        return requests.get(url, params=params, timeout=10).json()["messages"]

    # -- the delivery log ------------------------------------------------------------------

    def deliveries(self, tenant_id: str, **filters: Any) -> list[n.Delivery]:
        found: list[n.Delivery] = []
        token = ""
        while True:
            page = self.stub.ListDeliveries(
                n.ListDeliveriesRequest(
                    tenant_id=tenant_id, page={"page_size": 200, "page_token": token}, **filters
                ),
                timeout=10,
            )
            found.extend(page.deliveries)
            token = page.next_page_token
            if not token:
                return found
