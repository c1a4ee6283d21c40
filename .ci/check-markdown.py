#!/usr/bin/env python3
"""Check that Markdown written by `transcript` renders as the renderer intends.

Usage: check-markdown.py [--turns N] FILE [[--turns N] FILE ...]

`--turns N` applies to the files after it: each must render exactly N turn
paragraphs. Needs markdown-it-py (pip install markdown-it-py).

The renderer's own syntax is: a level-1 heading (the title, first block
only), level-2 headings, one bullet list per run of metadata (each item opens
with the key in bold), a paragraph per turn that opens with the speaker in
bold, block quotes whose paragraph may open with a name in bold, paragraphs
that are wholly in italics (events), plain paragraphs, and hard line breaks.
Anything else - other headings, ordered lists, code, links, images, raw HTML,
thematic breaks, tables, strikethrough, emphasis or bold elsewhere, soft line
breaks, a block that does not follow a blank line - came from transcript text
that was not escaped, and fails the check.
"""

import sys

from markdown_it import MarkdownIt

FORBIDDEN = {
    "ordered_list_open": "an ordered list",
    "code_block": "an indented code block",
    "fence": "a fenced code block",
    "html_block": "an HTML block",
    "html_inline": "inline HTML",
    "hr": "a thematic break",
    "table_open": "a table",
    "link_open": "a link",
    "image": "an image",
    "code_inline": "a code span",
    "s_open": "strikethrough",
    "softbreak": "a soft line break (every line break of ours is a hard break)",
}


def check_inline(inline, where, allow_bold_start, allow_whole_italics, problems):
    """Check one paragraph's inline children; returns whether it opens with bold."""
    # markdown-it leaves empty text tokens where delimiters were; they are not content.
    children = [c for c in inline.children or [] if not (c.type == "text" and c.content == "")]
    opens_with_bold = bool(children) and children[0].type == "strong_open"
    whole_italics = (
        len(children) >= 2 and children[0].type == "em_open" and children[-1].type == "em_close"
    )
    for position, child in enumerate(children):
        if child.type in FORBIDDEN:
            problems.append(f"{where}: {FORBIDDEN[child.type]}: {child.content or child.markup!r}")
        elif child.type == "strong_open" and not (position == 0 and allow_bold_start):
            problems.append(f"{where}: bold that is not ours")
        elif child.type == "em_open" and not (position == 0 and allow_whole_italics and whole_italics):
            problems.append(f"{where}: emphasis that is not ours")
        elif child.type == "em_open" and any(c.type == "em_open" for c in children[1:]):
            problems.append(f"{where}: nested emphasis")
    if opens_with_bold and sum(c.type == "strong_open" for c in children) > 1:
        problems.append(f"{where}: more than one bold span")
    return opens_with_bold


def check(path, expected_turns):
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = md.parse(text)
    problems = []
    turns = 0
    stack = []  # enclosing containers of the current token
    titles = 0

    for token in tokens:
        line = token.map[0] + 1 if token.map else None
        where = f"{path}:{line}" if line else path
        if token.type in FORBIDDEN:
            problems.append(f"{where}: {FORBIDDEN[token.type]}")
        if token.level == 0 and token.nesting >= 0 and token.map:
            # Every block of ours follows a blank line; one that does not interrupted a paragraph.
            start = token.map[0]
            if start > 0 and lines[start - 1].strip() != "":
                problems.append(f"{where}: a {token.type} that interrupts the block above it")
            if token.type == "heading_open":
                if token.markup not in ("#", "##"):
                    problems.append(f"{where}: a heading of ours is '#' or '##', not {token.markup!r}")
                elif token.markup == "#" and titles:
                    problems.append(f"{where}: a second level-1 heading (only the title is one)")
                if token.markup == "#":
                    titles += 1
        if token.type == "bullet_list_open" and stack:
            problems.append(f"{where}: a nested list")
        if token.type == "blockquote_open" and stack:
            problems.append(f"{where}: a nested block quote")
        if token.nesting == 1:
            stack.append(token.type)
        elif token.nesting == -1:
            stack.pop()
        if token.type == "inline":
            container = stack[-2] if len(stack) >= 2 else None
            if stack and stack[-1].startswith("heading"):
                check_inline(token, where, False, False, problems)
            elif container is None:  # a top-level paragraph: a turn, an event or narrative
                if check_inline(token, where, True, True, problems):
                    turns += 1
            elif container in ("list_item_open", "blockquote_open"):
                # A metadata key or a quotation's speaker in bold (or no bold at all).
                check_inline(token, where, True, False, problems)
            else:
                problems.append(f"{where}: text inside {container}")
        if token.type == "paragraph_open" and len(stack) >= 2 and stack[-2] not in (
            "list_item_open",
            "blockquote_open",
        ):
            problems.append(f"{where}: a paragraph inside {stack[-2]}")

    if expected_turns is not None and turns != expected_turns:
        problems.append(f"{path}: {turns} turn paragraphs, expected {expected_turns}")
    return problems


def main(arguments):
    if not arguments or arguments[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if arguments else 64
    expected = None
    problems = []
    checked = 0
    index = 0
    while index < len(arguments):
        argument = arguments[index]
        if argument == "--turns":
            if index + 1 == len(arguments) or not arguments[index + 1].isdigit():
                print("Error: --turns needs a number", file=sys.stderr)
                return 64
            expected = int(arguments[index + 1])
            index += 2
            continue
        problems += check(argument, expected)
        checked += 1
        index += 1
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{checked} file(s) checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
