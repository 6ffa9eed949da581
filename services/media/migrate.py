"""`python -m services.media.migrate`: moves a reuse index written before ADR 039 (band keys
in a `bands` field of `photo_hashes`) into the bucket documents (`photo_bands`). Safe to run
again and while the service runs: photos already moved are not touched."""

from __future__ import annotations

from services.common.config import Settings
from services.common.mongo import mongo_client
from services.media.adapters.band_migration import migrate_old_bands


def main() -> None:
    settings = Settings(service="media")
    client = mongo_client(settings.mongo_uri)
    db = client[settings.database]
    moved = migrate_old_bands(db, lambda n: print(f"已迁移 {n} 张照片的复用索引", flush=True))
    print(f"完成：{db.name} 共迁移 {moved} 张照片（已是新格式的照片未改动）", flush=True)
    client.close()


if __name__ == "__main__":
    main()
