"""Where the CJK font for watermarks is (Debian's fonts-noto-cjk, which `make` installs)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# fc-match answers with *some* font whatever is installed, so ask for fonts that cover
# Chinese and prefer Noto Sans CJK SC; the known Debian paths cover a machine without fontconfig.
FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK", "WenQuanYi Zen Hei")
KNOWN_FILES = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),  # index 2: the SC face
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
)
MISSING = (
    "未找到中文字体,无法生成水印 / no CJK font found for watermarks: "
    "install Debian's fonts-noto-cjk (apt-get install -y fonts-noto-cjk)"
)


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int  # the face inside a .ttc collection


class FontMissing(RuntimeError):
    pass


def find_cjk_font() -> FontFile:
    found = _from_fontconfig()
    if found is not None:
        return found
    for path, index in KNOWN_FILES:
        if Path(path).is_file():
            return FontFile(path, index)
    raise FontMissing(MISSING)


def _from_fontconfig() -> FontFile | None:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    out = subprocess.run(
        [fc_list, ":lang=zh", "family", "file", "index"],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    ).stdout
    faces = [_parse(line) for line in out.splitlines() if line.strip()]
    for family in FAMILIES:
        for face_family, font in faces:
            if family in face_family and "Mono" not in face_family:
                return font
    return None


def _parse(line: str) -> tuple[str, FontFile]:
    # "/path/NotoSansCJK-Regular.ttc: Noto Sans CJK SC,Noto Sans CJK SC Regular:index=2"
    path, _, rest = line.partition(": ")
    family, _, index = rest.rpartition(":index=")
    return family, FontFile(path, int(index or 0))
