"""The reuse index's bucket encoding (ADR 039): a lookup finds a photo exactly when it shares a
band key, the same as a key-for-key index, and adding a photo twice changes nothing."""

from __future__ import annotations

import random

from services.media.adapters import band_buckets as b


def _random_keys(rng: random.Random, n: int) -> list[str]:
    views = ("full", "upper", "top", "lower", "centre")
    return [f"{rng.choice(views)}:{rng.randrange(4)}:{rng.getrandbits(24):08x}" for _ in range(n)]


def _lookup(docs: list[dict], tenant: str, keys: list[str]) -> set[int]:
    plan = b.probe_plan(tenant, keys)
    return b.refs_in(plan, [d for d in docs if d["_id"] in plan])


def test_a_photo_is_found_by_any_of_its_keys_and_not_by_others() -> None:
    rng = random.Random(39)
    photos = {f"p{i}": _random_keys(rng, 20) for i in range(2_000)}
    docs = b.bucket_docs("t", photos.items())
    for photo_id in ("p0", "p777", "p1999"):
        ref = b.photo_ref(photo_id)
        assert ref in _lookup(docs, "t", [photos[photo_id][7]])
        assert ref in _lookup(docs, "t", _random_keys(rng, 500) + [photos[photo_id][19]])
    strays = _lookup(docs, "t", _random_keys(random.Random(1), 530))
    assert len(strays) <= 3  # 530 keys x 40,000 entries / 2^29 distinguishable keys ~ 0.04


def test_buckets_belong_to_one_tenant() -> None:
    docs = b.bucket_docs("t1", [("p1", ["full:0:00abcdef"])])
    assert _lookup(docs, "t2", ["full:0:00abcdef"]) == set()
    assert {d["tenant_id"] for d in docs} == {"t1"} and docs[0]["_id"].startswith("t1:")


def test_adding_a_photo_again_adds_no_entry() -> None:
    keys = ["full:0:00abcdef", "upper:2:00ff00ff"]
    once = b.bucket_docs("t", [("p1", keys)])
    assert b.bucket_docs("t", [("p1", keys), ("p1", keys)]) == once
    assert len(b.entries_of("t", "p1", keys + keys)) == 2


def test_entries_are_signed_64_bit_integers() -> None:
    rng = random.Random(2)
    for bucket, entry in b.entries_of("t", "p1", _random_keys(rng, 200)):
        assert 0 <= entry < 1 << 63 and bucket.startswith("t:")
