"""What a report page is made of besides its data: the inlined Vega JavaScript and the page's templates."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from string import Template


@cache
def vega_bundle() -> str:
    """The JavaScript of vega, vega-lite and vega-embed, bundled by vl-convert for the Vega-Lite version altair writes."""
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    return _script_safe(vl_convert.javascript_bundle(vl_version=vl_version_for_vl_convert()))


def _script_safe(text: str) -> str:
    """Text that can stand inside a <script> element: no '</script' or '<!--' closes or confuses it."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def template(name: str) -> str:
    """The text of a file of warehouse/templates (the page, its style sheet, its script)."""
    return (resources.files("warehouse") / "templates" / name).read_text(encoding="utf-8")


def data_json(value: object) -> str:
    """JSON for a <script> element: compact, dates as ISO strings, NaN as null, nothing that closes the element."""
    text = json.dumps(value, separators=(",", ":"), default=str, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def fill(template_name: str, **values: str) -> str:
    """A template of warehouse/templates with its $names filled in."""
    return Template(template(template_name)).substitute(values)
