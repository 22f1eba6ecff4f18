"""Run every bench/bench_*.py script's main() and print its figures.

Benchmarks print numbers; they do not assert them (see docs/benchmarks.md).
"""

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()


def main() -> None:
    # Names of benchmarks to run (all by default); options after them go to the benchmark.
    only = {arg for arg in sys.argv[1:] if arg.startswith("bench_")}
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        if only and path.stem not in only:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"== {path.stem}")
        module.main()


if __name__ == "__main__":
    main()
