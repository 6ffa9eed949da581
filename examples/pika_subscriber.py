"""A partner system's subscriber (ERP, finance, BI): its own durable queue on `sales.events`,
manual acks, de-duplication on the envelope id.

    python examples/pika_subscriber.py --queue erp.leads --bind 'lead.*' --bind visit.submitted
"""

from __future__ import annotations

import argparse
import json

import pika


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--amqp", default="amqp://guest:guest@127.0.0.1:5672/%2F")
    parser.add_argument("--queue", default="partner.events")
    parser.add_argument("--bind", action="append", default=[], help="routing key pattern")
    parser.add_argument("--max", type=int, default=0, help="stop after N events (0: run forever)")
    args = parser.parse_args()

    connection = pika.BlockingConnection(pika.URLParameters(args.amqp))
    channel = connection.channel()
    channel.exchange_declare("sales.events", exchange_type="topic", durable=True)
    channel.queue_declare(args.queue, durable=True)
    for pattern in args.bind or ["#"]:
        channel.queue_bind(args.queue, "sales.events", routing_key=pattern)
    channel.basic_qos(prefetch_count=50)
    seen: set[str] = set()  # a real partner keeps this in its own database
    for received, (method, _properties, body) in enumerate(channel.consume(args.queue), 1):
        envelope = json.loads(body)
        if envelope["id"] not in seen:
            seen.add(envelope["id"])
            payload = envelope.get("payload", {})
            print(f"{envelope['occurredAt']} {envelope['type']} tenant={envelope['tenantId']} "
                  f"{json.dumps(payload, ensure_ascii=False)[:160]}", flush=True)  # fmt: skip
        channel.basic_ack(method.delivery_tag)
        if args.max and received >= args.max:
            break
    channel.cancel()
    connection.close()


if __name__ == "__main__":
    main()
