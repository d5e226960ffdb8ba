"""XML documents whose long lists of children are streamed: GraphML's and GEXF's nodes and edges.

The document around the lists (declaration, namespaces, keys, meta data) is built and serialised by
ElementTree as a skeleton; each list's children are built, indented and serialised one at a time where
the skeleton holds a marker. The bytes are those ElementTree writes for the whole tree, indented with
`ET.indent`, without the whole tree ever being in memory.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import IO

__all__ = ["INDENT", "write_streamed"]

INDENT = "  "


def _depths(root: ET.Element) -> dict[int, int]:
    """id(element) → depth below the root, for every element of the skeleton."""
    depths = {id(root): 0}
    stack = [root]
    while stack:
        parent = stack.pop()
        for child in parent:
            depths[id(child)] = depths[id(parent)] + 1
            stack.append(child)
    return depths


def write_streamed(
    stream: IO[bytes],
    root: ET.Element,
    lists: list[tuple[ET.Element, Iterable[ET.Element] | None]],
    uses: dict[int, str] | None = None,
) -> None:
    """Write `root` (UTF-8, with the XML declaration, indented) with each container of `lists` holding the
    elements its iterable yields; None for a container that stays empty.

    The streamed elements are built with unqualified tags (`node`, `viz:color`): the skeleton's root
    declares the namespaces, and within it ElementTree writes the same names. `uses` maps the index of a
    list to a namespace its elements use beyond the skeleton's, so the root declares it as ElementTree
    would for the whole tree.
    """
    markers = []
    for number, (container, children) in enumerate(lists):
        if children is not None:
            namespace = (uses or {}).get(number)
            name = f"tradegraph-list-{number}"
            ET.SubElement(container, f"{{{namespace}}}{name}" if namespace else name)
            markers.append((re.compile(rf"<(?:[\w.-]+:)?{name} />"), container, children))
    ET.indent(root, space=INDENT)
    depths = _depths(root)
    skeleton = io.BytesIO()
    ET.ElementTree(root).write(skeleton, encoding="utf-8", xml_declaration=True)
    text = skeleton.getvalue().decode("utf-8")
    # As ElementTree writes: characters the encoding cannot hold (none in UTF-8) as character references.
    out = io.TextIOWrapper(stream, encoding="utf-8", errors="xmlcharrefreplace", newline="")
    try:
        for marker, container, children in markers:
            found = marker.search(text)
            if found is None:  # cannot happen: the skeleton was written with it
                raise RuntimeError(f"no place for list {marker.pattern} in the XML skeleton")
            out.write(text[: found.start()])
            text = text[found.end() :]
            level = depths[id(container)] + 1
            between = "\n" + INDENT * level
            for number, child in enumerate(children):
                if number:
                    out.write(between)
                ET.indent(child, space=INDENT, level=level)
                out.write(ET.tostring(child, encoding="unicode"))
        out.write(text)
        out.flush()
    finally:
        out.detach()  # the caller owns (and closes) the stream
