"""QR codes as inline SVG (a path, no script or style, so the CSP allows it)."""

from __future__ import annotations

from io import BytesIO


def qr_code_svg(data: str, *, box_size: int = 10) -> str:
    """The `<svg>` element (without an XML declaration) that encodes `data`."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg"):]
