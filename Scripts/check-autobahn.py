#!/usr/bin/env python3
"""Checks an Autobahn|Testsuite report (the index.json that wstest writes in its outdir).

    Scripts/check-autobahn.py REPORT_DIR/index.json [--expected FILE] [--min-cases 301]

Prints one line per case group (1 framing ... 10 misc) for each agent in the report, then
every case that failed, and exits non-zero when:

  - a case's `behavior` is not OK, NON-STRICT or INFORMATIONAL (FAILED, UNIMPLEMENTED, ...);
  - a case's `behaviorClose` is not OK or INFORMATIONAL (listed apart: "close failures");
  - a case is missing: the expected list is read from --expected, by default the
    expected-cases.txt beside index.json (Scripts/autobahn.sh has wstest's own case
    resolver write it from the spec), else the cases that the report itself holds;
  - fewer cases than --min-cases (default 301: every case of groups 1-10) were run.

Python 3, standard library only.
"""
import argparse
import collections
import json
import pathlib
import sys

PASSED = {"OK", "NON-STRICT", "INFORMATIONAL"}
CLOSE_PASSED = {"OK", "INFORMATIONAL"}
GROUPS = {
    "1": "framing",
    "2": "pings/pongs",
    "3": "reserved bits",
    "4": "opcodes",
    "5": "fragmentation",
    "6": "UTF-8",
    "7": "close handling",
    "9": "limits/performance",
    "10": "misc",
    "12": "deflate",
    "13": "deflate params",
}


def case_key(case_id):
    return tuple(int(part) for part in case_id.split("."))


def check_agent(agent, cases, expected, min_cases):
    """Prints the summary for one agent; returns the list of problems."""
    by_group = collections.OrderedDict()
    failures, close_failures = [], []
    for case_id in sorted(cases, key=case_key):
        result = cases[case_id]
        group = case_id.split(".")[0]
        counts = by_group.setdefault(group, collections.Counter())
        counts["run"] += 1
        behavior = result.get("behavior", "MISSING")
        close = result.get("behaviorClose", "MISSING")
        if behavior in PASSED:
            counts["passed"] += 1
            counts[behavior] += 1
        else:
            counts["failed"] += 1
            failures.append(f"{case_id}: behavior {behavior} (close {close})")
        if close not in CLOSE_PASSED:
            counts["close failed"] += 1
            close_failures.append(f"{case_id}: behaviorClose {close} (behavior {behavior})")
    missing = sorted(set(expected) - set(cases), key=case_key)
    for case_id in missing:
        counts = by_group.setdefault(case_id.split(".")[0], collections.Counter())
        counts["missing"] += 1

    print(f"agent {agent}: {len(cases)} cases run, {len(expected)} expected")
    print(f"  {'group':<22} {'run':>4} {'passed':>6} {'failed':>6} {'close':>6} {'missing':>7}"
          "   (passed = OK / NON-STRICT / INFORMATIONAL)")
    for group in sorted(by_group, key=int):
        c = by_group[group]
        detail = ", ".join(f"{k} {c[k]}" for k in ("NON-STRICT", "INFORMATIONAL") if c[k])
        name = f"{group} {GROUPS.get(group, '')}"
        print(f"  {name:<22} {c['run']:>4} {c['passed']:>6} {c['failed']:>6} "
              f"{c['close failed']:>6} {c['missing']:>7}" + (f"   {detail}" if detail else ""))
    total = collections.Counter()
    for c in by_group.values():
        total.update(c)
    print(f"  {'total':<22} {total['run']:>4} {total['passed']:>6} {total['failed']:>6} "
          f"{total['close failed']:>6} {total['missing']:>7}")

    problems = []
    if failures:
        problems.append(f"{len(failures)} cases failed:\n    " + "\n    ".join(failures))
    if close_failures:
        problems.append(f"{len(close_failures)} close failures:\n    " + "\n    ".join(close_failures))
    if missing:
        problems.append(f"{len(missing)} cases missing: " + " ".join(missing))
    if len(cases) < min_cases:
        problems.append(f"only {len(cases)} cases run, fewer than {min_cases}")
    return problems


def main():
    parser = argparse.ArgumentParser(description="Checks an Autobahn|Testsuite index.json.")
    parser.add_argument("index", type=pathlib.Path, help="REPORT_DIR/index.json")
    parser.add_argument("--expected", type=pathlib.Path,
                        help="file with one expected case id a line "
                             "(default: expected-cases.txt beside index.json, if present)")
    parser.add_argument("--min-cases", type=int, default=301,
                        help="fail if an agent ran fewer cases (default 301, groups 1-10)")
    args = parser.parse_args()

    if not args.index.is_file():
        print(f"check-autobahn: no report {args.index} (a run killed before its end writes none)",
              file=sys.stderr)
        return 2
    report = json.loads(args.index.read_text())
    if not report:
        print(f"check-autobahn: {args.index} holds no agent: no case ran", file=sys.stderr)
        return 1
    expected_file = args.expected or args.index.parent / "expected-cases.txt"
    if expected_file.is_file():
        expected = [line.strip() for line in expected_file.read_text().splitlines() if line.strip()]
        source = str(expected_file)
    elif args.expected:
        print(f"check-autobahn: no file {args.expected}", file=sys.stderr)
        return 2
    else:
        expected = sorted({case for cases in report.values() for case in cases}, key=case_key)
        source = "the cases in the report"
    print(f"expected cases: {len(expected)}, from {source}")

    failed = False
    for agent in sorted(report):
        problems = check_agent(agent, report[agent], expected, args.min_cases)
        for problem in problems:
            print(f"  FAIL: {problem}")
        print(f"  {'FAILED' if problems else 'passed'}: agent {agent}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
