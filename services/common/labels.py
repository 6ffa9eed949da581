"""The Chinese label of each stored code, and what people type for it in a sheet: one table
per code, used by every service and the demo (the contract enums <-> codes are in
proto_codes.py). Keys are the stored codes ("KA", "red", "gcj02")."""

from __future__ import annotations

CUSTOMER_TYPE_ZH = {"KA": "KA", "BC": "BC类", "CONVENIENCE": "便利店"}
URGENCY_ZH = {"red": "红色(紧急)", "yellow": "黄色", "blue": "蓝色"}
URGENCY_SHORT_ZH = {"red": "红", "yellow": "黄", "blue": "蓝"}  # the one character people use
DATUM_ZH = {"wgs84": "WGS-84", "gcj02": "GCJ-02(高德/腾讯)", "bd09": "BD-09(百度)"}

# What a cell of an imported sheet may say for each code (lower-cased before the look-up).
CUSTOMER_TYPE_TYPED = {
    **{code.lower(): code for code in CUSTOMER_TYPE_ZH},
    **{label.lower(): code for code, label in CUSTOMER_TYPE_ZH.items()},
}
URGENCY_TYPED = {
    **{code: code for code in URGENCY_ZH},
    **{label: code for code, label in URGENCY_SHORT_ZH.items()},
}
DATUM_TYPED = {
    "wgs84": "wgs84", "wgs-84": "wgs84", "gps": "wgs84",
    "gcj02": "gcj02", "gcj-02": "gcj02", "高德": "gcj02", "腾讯": "gcj02", "火星坐标": "gcj02",
    "bd09": "bd09", "bd-09": "bd09", "百度": "bd09",
}  # fmt: skip
