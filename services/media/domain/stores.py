"""Media's read model of the store master and the org directory, built from visits' `store.*`
and the gateway's `org.person.upserted` events: only what a watermark and the storefront
match need."""

from __future__ import annotations

from dataclasses import dataclass

from services.media.domain.model import GeoPoint


@dataclass(frozen=True)
class StoreSighting:
    """A registered store as media knows it: its name and where it is, with the datum."""

    tenant_id: str
    store_id: str
    name: str
    location: GeoPoint | None
    region_code: str = ""
    version: int = 0  # visits' version of the store: an older event never overwrites a newer
    active: bool = True  # a closed store is no longer a candidate for a sign

    def newer_than(self, other: StoreSighting | None) -> bool:
        return other is None or self.version >= other.version


def newest_sightings(
    incoming: list[StoreSighting], known: dict[str, StoreSighting]
) -> list[StoreSighting]:
    """Of a chunk of sightings, those to write over what is `known` (by store id): the
    highest version of each store, unless an even newer one is stored already."""
    latest: dict[str, StoreSighting] = {}
    for store in incoming:
        if store.newer_than(latest.get(store.store_id)):
            latest[store.store_id] = store
    return [s for s in latest.values() if s.newer_than(known.get(s.store_id))]


@dataclass(frozen=True)
class PersonName:
    tenant_id: str
    person_id: str
    name: str
