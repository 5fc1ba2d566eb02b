"""Prints the latest mutation score per module from mutmut's results (`make mutation`).

Score = killed / (killed + survived + timed out); mutants that no test reaches ("no tests")
and those not run yet are counted apart, not hidden in the score.
"""

import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

MUTMUT = Path(sys.executable).with_name("mutmut")
LINE = re.compile(r"^\s*(?P<module>[\w.]+?)\.x[_ǁ].*: (?P<status>.+)$")


def main() -> None:
    out = subprocess.run(
        [MUTMUT, "results", "--all", "true"], capture_output=True, text=True, check=True
    ).stdout
    by_module: dict[str, Counter] = defaultdict(Counter)
    for line in out.splitlines():
        match = LINE.match(line)
        if match:
            by_module[match["module"]][match["status"]] += 1
    total: Counter = Counter()
    print(
        f"{'module':45} {'killed':>7} {'survived':>9} {'no tests':>9} {'not run':>8} {'score':>6}"
    )
    for module, counts in sorted(by_module.items()):
        total += counts
        print(_row(module, counts))
    print(_row("all", total))


def _row(name: str, counts: Counter) -> str:
    killed = counts["killed"]
    judged = killed + counts["survived"] + counts["timeout"]
    score = f"{100 * killed / judged:.0f}%" if judged else "-"
    return (
        f"{name:45} {killed:>7} {counts['survived']:>9} {counts['no tests']:>9}"
        f" {counts['not checked']:>8} {score:>6}"
    )


if __name__ == "__main__":
    main()
