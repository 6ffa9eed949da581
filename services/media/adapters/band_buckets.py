"""The reuse index's storage (ADR 039): band keys -> photos as a fixed hash table of bucket
documents in `photo_bands`, not as one index row per key.

Why: a multikey index holds one B-tree row per band key (20 a photo, ~80 bytes each), and
SecantusDB's 1 GB WiredTiger cache filled at ~2 million rows (97,000 photos): from there every
insert waited on eviction and filling stalled (measured, ADR 039). Here a band key costs one
8-byte integer in an array of its bucket: a million photos are 20 million integers in 2^18
buckets (~160 MB), and the only B-tree rows are one per bucket and two per photo.

A key is hashed to 64 bits: the top 18 pick the bucket (`_id` "<tenant>:<bucket>"), the next
11 are kept in the entry beside 52 bits of the photo's reference (a hash of its id). A lookup
reads the buckets of its keys by `_id` (the primary index), keeps the entries whose 11 bits
match, and fetches those references' photos through the `(tenant_id, ref)` index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from hashlib import blake2b
from typing import Any

BUCKET_BITS = 18  # 262,144 buckets a tenant: ~76 entries each at a million photos
CHECK_BITS = 11  # of the key's hash kept in the entry: 29 bits tell keys apart in all
REF_BITS = 52  # of the photo id's hash; a clash only adds a candidate the ranking drops
_REF_MASK = (1 << REF_BITS) - 1
_CHECK_MASK = (1 << CHECK_BITS) - 1


def _hash64(text: str) -> int:
    return int.from_bytes(blake2b(text.encode(), digest_size=8).digest(), "big")


def photo_ref(photo_id: str) -> int:
    """The photo's short reference in bucket entries (an int64 with room for the check)."""
    return _hash64(photo_id) & _REF_MASK


def _place(key: str) -> tuple[int, int]:
    h = _hash64(key)
    return h >> (64 - BUCKET_BITS), (h >> (64 - BUCKET_BITS - CHECK_BITS)) & _CHECK_MASK


def bucket_id(tenant_id: str, bucket: int) -> str:
    return f"{tenant_id}:{bucket:05x}"


def entries_of(tenant_id: str, photo_id: str, keys: Iterable[str]) -> list[tuple[str, int]]:
    """(bucket `_id`, entry) for each of a photo's band keys: what its upserts `$addToSet`."""
    ref = photo_ref(photo_id)
    placed = (_place(key) for key in keys)
    return sorted({(bucket_id(tenant_id, b), (check << REF_BITS) | ref) for b, check in placed})


def bucket_docs(tenant_id: str, photos: Iterable[tuple[str, Iterable[str]]]) -> list[dict]:
    """The bucket documents that adding these (photo id, band keys) one by one leaves behind
    (the bench seeds a large index with them in bulk)."""
    buckets: dict[str, set[int]] = defaultdict(set)
    for photo_id, keys in photos:
        for bid, entry in entries_of(tenant_id, photo_id, keys):
            buckets[bid].add(entry)
    return [{"_id": bid, "tenant_id": tenant_id, "e": sorted(e)} for bid, e in buckets.items()]


def probe_plan(tenant_id: str, keys: Iterable[str]) -> dict[str, set[int]]:
    """Bucket `_id` -> the check bits a lookup of `keys` wants from it."""
    plan: dict[str, set[int]] = defaultdict(set)
    for key in keys:
        bucket, check = _place(key)
        plan[bucket_id(tenant_id, bucket)].add(check)
    return plan


def refs_in(plan: dict[str, set[int]], docs: Iterable[dict[str, Any]]) -> set[int]:
    """The photo references whose entries in the fetched buckets carry a wanted check."""
    refs: set[int] = set()
    for doc in docs:
        wanted = plan.get(doc["_id"], set())
        refs.update(e & _REF_MASK for e in doc.get("e", ()) if e >> REF_BITS in wanted)
    return refs
