#!/usr/bin/env python3
"""Checks that every code excerpt in Tutorials/ matches the source it was pulled from.

A chapter never pastes code by hand. It names a snippet:

    <!-- snippet: Sources/Sockets/Connection.swift#write-all -->
    ```swift
    ...the code between `// snippet: write-all` and `// end-snippet` in that file...
    ```

and this script compares the fenced block under each such comment with the marked region
of the source file (with the region's common indentation removed). A mismatch means the
code changed and the chapter did not: CI fails and prints both versions.

    Scripts/check-excerpts.py          # check (what CI runs)
    Scripts/check-excerpts.py --fix    # rewrite the excerpts from the sources
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^<!-- snippet: (?P<path>[^#\s]+)#(?P<name>[\w-]+) -->\s*$")
START = re.compile(r"^\s*// snippet: (?P<name>[\w-]+)\s*$")
END = re.compile(r"^\s*// end-snippet\s*$")


def snippets_in(path):
    """Every marked region of a source file, by name, dedented."""
    regions, current, lines = {}, None, []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        start, end = START.match(line), END.match(line)
        if start:
            if current:
                raise SystemExit(f"{path}:{number}: snippet {start['name']} starts inside {current}")
            current, lines = start["name"], []
        elif end:
            if not current:
                raise SystemExit(f"{path}:{number}: end-snippet without a snippet")
            if current in regions:
                raise SystemExit(f"{path}:{number}: snippet {current} appears twice")
            regions[current] = dedent(lines)
            current = None
        elif current:
            lines.append(line)
    if current:
        raise SystemExit(f"{path}: snippet {current} never ends")
    return regions


def dedent(lines):
    indents = [len(l) - len(l.lstrip()) for l in lines if l.strip()]
    cut = min(indents) if indents else 0
    return [l[cut:] if l.strip() else "" for l in lines]


def main():
    fix = "--fix" in sys.argv[1:]
    cache, problems, checked = {}, [], 0
    for chapter in sorted((ROOT / "Tutorials").glob("**/*.md")):
        text = chapter.read_text().splitlines()
        output, index, changed = [], 0, False
        while index < len(text):
            line = text[index]
            output.append(line)
            index += 1
            marker = MARKER.match(line)
            if not marker:
                continue
            where = f"{chapter.relative_to(ROOT)}:{index}"
            source = ROOT / marker["path"]
            if not source.exists():
                problems.append(f"{where}: {marker['path']} does not exist")
                continue
            regions = cache.setdefault(source, snippets_in(source))
            expected = regions.get(marker["name"])
            if expected is None:
                problems.append(f"{where}: no snippet '{marker['name']}' in {marker['path']}")
                continue
            if index >= len(text) or not text[index].startswith("```"):
                problems.append(f"{where}: the snippet comment must be followed by a ``` block")
                continue
            fence = text[index]
            end = index + 1
            while end < len(text) and text[end] != "```":
                end += 1
            if end == len(text):
                problems.append(f"{where}: the code block never closes")
                continue
            actual = text[index + 1 : end]
            checked += 1
            if actual != expected:
                if fix:
                    changed = True
                else:
                    problems.append(
                        f"{where}: excerpt {marker['path']}#{marker['name']} differs from the source\n"
                        + "--- in the chapter\n" + "\n".join(actual) + "\n--- in the source\n"
                        + "\n".join(expected)
                    )
            output.extend([fence] + expected + ["```"])
            index = end + 1
        if fix and changed:
            chapter.write_text("\n".join(output) + "\n")
            print(f"rewrote excerpts in {chapter.relative_to(ROOT)}")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{checked} excerpts checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
