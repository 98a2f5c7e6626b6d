"""Bodies that make Markdown renderers slow, at the size limit of a content file.

Used by tests/security/test_input_cost.py (each is refused, or rendered, without hanging)
and by `scripts/benchmark.py --hostile` (seconds to check and to render each).
`refused`: the validator must refuse it for its cost (SDW044); the others lie just inside the
limits in sdw.schema and must be rendered.
"""

from __future__ import annotations

SIZE = 250_000  # just under MAX_MARKDOWN_BYTES (256 KiB) with the front-matter
FRONT = ('---\ntitel: "Zwaar"\nsamenvatting: "Een zware tekst."\ndatum: 2018-12-05\ndoelgroepen:\n  - werkgevers\n'
         "personen:\n  - naam: A\n    rol: B\n---\n\n")
_FILLER = "Gewone tekst over werk en zorg. " * 3 + "\n\n"


def _fill(prefix: str) -> str:
    """The pattern, then ordinary paragraphs up to SIZE."""
    return prefix + _FILLER * max(0, (SIZE - len(prefix)) // len(_FILLER))


N = SIZE
REFUSED: dict[str, str] = {
    "unclosed brackets": "[" * N,
    "unclosed image brackets": "![" * (N // 2),
    "brackets between words": "[a " * (N // 3),
    "unclosed link targets": "[x](" * (N // 4),
    "unclosed references": "[x][" * (N // 4),
    "emphasis markers": "*a" * (N // 2),
    "underscores": "_a " * (N // 3),
    "backticks": "`a" * (N // 2),
    "comment openers": "<!--" * (N // 4),
    "attribute lists": "x{: #a .b c=d }\n" * (N // 16),
    "heading lines": "#\n" * (N // 2),
    "setext headings": "a\n-\n" * (N // 4),
    "table pipes": "|" * N,
    "entities": "&#x41;" * (N // 6),
    "quote markers": ">" * N,
    "nested quotes": "> " * (N // 2) + "x",
    "angle brackets": "<" * N,
    "unclosed tags": "<a " * (N // 3),
    "nested divs": "<div>" * (N // 5),
    "unclosed autolinks": "<http://a" * (N // 9),
    "backslashes": "\\" * N,
    "ampersands": "&" * N,
    "deeply nested lists": "".join("  " * (i % 60) + "- x\n" for i in range(N // 70)),
    "link definitions": "[a]: <x>\n" * (N // 9),
}
ACCEPTED: dict[str, str] = {
    "440 unclosed brackets": _fill("[" * 440),
    "1,990 unclosed tags": _fill("<a " * 1990),
    "990 nested divs": _fill("<div>" * 990 + "x" + "</div>" * 990),
    "300 headings": _fill("## a\n" * 300),
    "7,400 emphasised words": _fill("*a* " * 7400),
    "14,900 escaped backslashes": _fill("\\\\" * 14900),
    "quotes 20 deep": _fill("> " * 20 + "x\n\n"),
    "lists 10 deep": _fill("".join("    " * (i % 11) + "- x\n" for i in range(200))),
    "plain text": "woord " * (N // 6),
    "one long line": "a" * N,
}
