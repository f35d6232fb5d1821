#!/usr/bin/env python3
"""Checks that every module a target imports is one the target declares in Package.swift.

SwiftPM builds a target that imports a module it never declared as long as some declared
dependency depends on that module, even with `--explicit-target-dependency-import-check`
(which only looks one level deep). Such a target builds today and breaks the day the
dependency in between stops depending on the module, and its Package.swift entry no longer
says what it really uses. This script makes the rule hard:

    for each target (as `swift package describe --type json` lists it), every `import` line
    of every Swift file in it, `@testable`, `import struct X.Y` and imports inside `#if`
    included, names either a module of this package or of a package it depends on that the
    target declares (as a target dependency, or through a product), or a module that is no
    package's target at all: the toolchain's own (Foundation, Dispatch, Glibc, Darwin,
    Synchronization, Testing, ...), which the compiler finds on its own.

It checks the root package and the Exercises package (whose Solutions/ mirror the exercises'
files and are checked against the same targets), and prints one line per undeclared import:

    Sources/ws-echo/main.swift:7: imports SystemCalls, which target ws-echo does not declare

    Scripts/check-imports.py              # check (what CI runs, after --self-test)
    Scripts/check-imports.py --self-test  # first test the checker on small inline cases
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGES = [ROOT, ROOT / "Exercises"]

# `import X`, `import X.Y`, `import struct X.Y`, with attributes (`@testable`,
# `@_exported`, `@_spi(Name)`, `@preconcurrency`) and an access level (`public import X`).
IMPORT = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*"
    r"(?:(?:public|package|internal|fileprivate|private)\s+)?"
    r"import\s+"
    r"(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?"
    r"(?P<module>[A-Za-z_][A-Za-z0-9_]*)"
)


# -- Reading Swift -------------------------------------------------------------------------


def imports_in(text):
    """Every `(line number, module)` a Swift file imports.

    Lines that begin inside a block comment or a multi-line string literal are skipped, so
    a test that writes a Package.swift into a string does not count as importing its
    modules. Imports under `#if` count: some platform compiles them.
    """
    found = []
    comment_depth = 0  # /* ... */ nests in Swift
    string_end = None  # the `"""` (with its `#`s) that closes the open multi-line string
    for number, line in enumerate(text.splitlines(), start=1):
        if comment_depth == 0 and string_end is None:
            match = IMPORT.match(line)
            if match:
                found.append((number, match["module"]))
        comment_depth, string_end = scan_line(line, comment_depth, string_end)
    return found


def scan_line(line, comment_depth, string_end):
    """The comment depth and open multi-line string after reading `line`."""
    index = 0
    while index < len(line):
        if string_end is not None:
            close = line.find(string_end, index)
            if close < 0:
                return comment_depth, string_end
            index, string_end = close + len(string_end), None
        elif comment_depth > 0:
            if line.startswith("/*", index):
                comment_depth, index = comment_depth + 1, index + 2
            elif line.startswith("*/", index):
                comment_depth, index = comment_depth - 1, index + 2
            else:
                index += 1
        elif line.startswith("//", index):
            return comment_depth, string_end
        elif line.startswith("/*", index):
            comment_depth, index = 1, index + 2
        else:
            string = re.compile(r'(#*)"("")?').match(line, index)
            if not string:
                index += 1
            elif string[2]:
                string_end = '"""' + string[1]
                index = string.end()
            else:
                index = end_of_string(line, string.end(), '"' + string[1])
    return comment_depth, string_end


def end_of_string(line, index, closing):
    """Where a one-line string literal that began before `index` ends (or the line does)."""
    raw = len(closing) > 1
    while index < len(line):
        if not raw and line[index] == "\\":
            index += 2
        elif line.startswith(closing, index):
            return index + len(closing)
        else:
            index += 1
    return index


# -- Reading the package -------------------------------------------------------------------


def describe(package):
    """`swift package describe --type json` of the package at `package`, parsed."""
    result = subprocess.run(
        ["swift", "package", "describe", "--type", "json"],
        cwd=package,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"swift package describe failed in {package}:\n{result.stderr}")
    return json.loads(result.stdout)


def package_graph(package):
    """The description of `package` and of every local package it depends on."""
    descriptions, pending = {}, [pathlib.Path(package).resolve()]
    while pending:
        path = pending.pop(0)
        if path in descriptions:
            continue
        description = describe(path)
        descriptions[path] = description  # dicts keep order: `package` comes first
        for dependency in description.get("dependencies", []):
            if dependency.get("path"):
                pending.append(pathlib.Path(dependency["path"]).resolve())
    return list(descriptions.values())


def undeclared_imports(graph, read, counts=None):
    """Every undeclared import in the first package of `graph`: `(path, line, module, target)`.

    `graph` is the package's description followed by those of the packages it depends on;
    `read(path)` returns the text of a file of the package (or `None` if there is none);
    `counts`, if given, has its "files" and "imports" raised by what was read.
    """
    counts = counts if counts is not None else {"files": 0, "imports": 0}
    package, *dependencies = graph
    modules = {}  # target name -> module name, in every package of the graph
    products = {}  # product name -> the module names it offers
    for description in graph:
        for target in description["targets"]:
            modules[target["name"]] = target.get("c99name", target["name"])
    for description in dependencies:
        for product in description.get("products", []):
            products[product["name"]] = {modules.get(t, t) for t in product["targets"]}
    package_modules = set(modules.values())

    problems = []
    for target in package["targets"]:
        declared = {modules.get(t, t) for t in target.get("target_dependencies") or []}
        for product in target.get("product_dependencies") or []:
            declared |= products.get(product, {product})
        declared.add(modules[target["name"]])
        for source in target.get("sources", []):
            if not source.endswith(".swift"):
                continue
            relative = f"{target['path']}/{source}"
            # The Exercises package's Solutions/ mirror the starters' paths file for file.
            for path in (relative, f"Solutions/{relative}"):
                text = read(path)
                if text is None:
                    continue
                found = imports_in(text)
                counts["files"] += 1
                counts["imports"] += len(found)
                for number, module in found:
                    if module in package_modules and module not in declared:
                        problems.append((path, number, module, target["name"]))
    return problems


def check():
    problems, counts = [], {"files": 0, "imports": 0}
    for package in PACKAGES:
        prefix = "" if package == ROOT else f"{package.relative_to(ROOT)}/"

        def read(path, package=package):
            file = package / path
            return file.read_text() if file.is_file() else None

        for path, number, module, target in undeclared_imports(package_graph(package), read, counts):
            problems.append(
                f"{prefix}{path}:{number}: imports {module}, which target {target} "
                f"does not declare in {prefix}Package.swift"
            )
    for problem in problems:
        print(problem, file=sys.stderr)
    names = ", ".join(p.name if p != ROOT else "SocketLadder" for p in PACKAGES)
    print(
        f"{counts['imports']} imports in {counts['files']} files of {names} checked, "
        f"{len(problems)} undeclared"
    )
    return 1 if problems else 0


# -- Testing the checker -------------------------------------------------------------------


def self_test():
    """Runs the checker on small made-up packages; returns the number of failures."""
    library = {
        "name": "Library",
        "targets": [
            {"name": "Core", "c99name": "Core", "path": "Sources/Core", "sources": []},
            {"name": "Extras", "c99name": "Extras", "path": "Sources/Extras", "sources": []},
            {"name": "Hidden", "c99name": "Hidden", "path": "Sources/Hidden", "sources": []},
        ],
        "products": [{"name": "Kit", "targets": ["Core", "Extras"]}],
    }

    def run(text, target_dependencies=(), product_dependencies=(), solution=None):
        app = {
            "name": "App",
            "targets": [
                {
                    "name": "my-tool",
                    "c99name": "my_tool",
                    "path": "Sources/my-tool",
                    "sources": ["main.swift"],
                },
                {"name": "Helpers", "c99name": "Helpers", "path": "Sources/Helpers"},
                {
                    "name": "AppTests",
                    "c99name": "AppTests",
                    "path": "Tests/AppTests",
                    "sources": ["AppTests.swift"],
                    "target_dependencies": list(target_dependencies),
                    "product_dependencies": list(product_dependencies),
                },
            ],
        }
        files = {"Tests/AppTests/AppTests.swift": text}
        if solution is not None:
            files["Solutions/Tests/AppTests/AppTests.swift"] = solution
        found = undeclared_imports([app, library], files.get)
        for path, _, _, target in found:
            assert target == "AppTests" and path.endswith("AppTests.swift"), (path, target)
        return [f"{number} {module}" for _, number, module, _ in found]

    cases = [
        ("an undeclared target is named with its line",
         run("import Foundation\nimport Helpers\n"), ["2 Helpers"]),
        ("a declared target passes", run("import Helpers\n", ["Helpers"]), []),
        ("toolchain modules pass",
         run("import Foundation\nimport Dispatch\nimport Testing\nimport Synchronization\n"),
         []),
        ("@testable import of an executable uses its module name",
         run("@testable import my_tool\n", ["my-tool"]), []),
        ("@testable import of an undeclared one is caught",
         run("@testable import my_tool\n"), ["1 my_tool"]),
        ("import struct X.Y names module X",
         run("import struct Helpers.Thing\nimport enum Core.Kind\n", ["Helpers"]),
         ["2 Core"]),
        ("attributes and access levels",
         run("@_exported public import Helpers\n@preconcurrency internal import Core\n"
             "@_spi(Test) import Extras\n"),
         ["1 Helpers", "2 Core", "3 Extras"]),
        ("imports under #if count",
         run("#if canImport(Glibc)\nimport Glibc\n#else\nimport Helpers\n#endif\n"),
         ["4 Helpers"]),
        ("a product declares all its targets and nothing else",
         run("import Core\nimport Extras\nimport Hidden\n", product_dependencies=["Kit"]),
         ["3 Hidden"]),
        ("a dependency's target without its product is caught",
         run("import Core\n"), ["1 Core"]),
        ("block comments, nested, and multi-line strings are not code",
         run('/* a\n/* b */\nimport Helpers\n*/\nlet s = """\nimport Helpers\n"""\n'
             'let r = #"""\n"""\nimport Helpers\n"""#\nimport Core\n'),
         ["12 Core"]),
        ("a quote or comment opener inside a one-line string does not fool it",
         run('let a = "/* \\" \\"\\"\\""\nlet b = #"a " /*"#\nimport Helpers\n'),
         ["3 Helpers"]),
        ("a line comment is not code",
         run("// import Helpers\n/// import Helpers\nimport Core // /*\nimport Extras\n",
             product_dependencies=["Kit"]),
         []),
        ("a solution is checked against its starter's target",
         run("import Helpers\n", ["Helpers"], solution="import Core\n"), ["1 Core"]),
    ]
    failures = 0
    for name, actual, expected in cases:
        if actual != expected:
            failures += 1
            print(f"self-test FAILED: {name}: expected {expected}, got {actual}", file=sys.stderr)
    print(f"{len(cases)} self-tests, {failures} failed")
    return failures


if __name__ == "__main__":
    if "--self-test" in sys.argv[1:] and self_test():
        sys.exit(1)
    sys.exit(check())
