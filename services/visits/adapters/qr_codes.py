"""QR codes as PNG (the `qrcode` library drawing through Pillow)."""

from __future__ import annotations

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M


class PngQrCodes:
    def png(self, text: str) -> bytes:
        # Medium error correction survives a smudged or partly covered print at the counter.
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=8, border=4)
        code.add_data(text)
        code.make(fit=True)
        buffer = io.BytesIO()
        code.make_image().save(buffer, format="PNG")
        return buffer.getvalue()
