"""The Steering Committee's progress report as a PDF: how long a report of about twenty
pages takes, step by step, against WeasyPrint laying out a plain document of the same
number of pages in the same run.

    python bench/run.py bench_report [--clusters 20] [--activities 20000] [--repeat 3]

Builds the benchmarks' synthetic project (bench/dataset.py) at the given size, rolls it
up, then renders the project report to date as the report job does: the data (the
selector, a fixed number of queries), the HTML (the template, with its vector charts)
and the PDF (WeasyPrint). The reference is WeasyPrint on a document of the same page
count with no tables or charts: the floor for laying out that many pages. Prints the
median of ``--repeat`` renders, the pages, the file size and the ratio. The goal
(issue 9): a 20-page report in under 5 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from django.template.loader import render_to_string

from monitoring.reports.pdf import _static_roots, static_only_fetcher
from monitoring.reports.selectors import progress_report_data

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dataset import build, teardown  # noqa: E402


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench_report")
    parser.add_argument("--clusters", type=int, default=20)
    parser.add_argument("--activities", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args, _unknown = parser.parse_known_args([a for a in sys.argv[1:] if a != "bench_report"])
    return args


def _weasyprint(html: str):
    from weasyprint import HTML

    base = _static_roots()[0]
    return HTML(string=html, base_url=f"{base.as_uri()}/", url_fetcher=static_only_fetcher())


def _plain(pages: int) -> str:
    """A document of ``pages`` pages of running text, one page each."""
    text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 40
    body = "".join(
        f'<section style="page-break-after: always"><h1>Page {n}</h1><p>{text}</p></section>'
        for n in range(pages)
    )
    return f"<!doctype html><html><body>{body}</body></html>"


def _render(project) -> dict[str, float | int]:
    started = time.perf_counter()
    data = progress_report_data(project=project)
    after_data = time.perf_counter()
    html = render_to_string("monitoring/report_progress.html", data)
    after_html = time.perf_counter()
    document = _weasyprint(html).render()
    after_layout = time.perf_counter()
    pdf = document.write_pdf()
    done = time.perf_counter()
    return {
        "data": after_data - started,
        "html": after_html - after_data,
        "layout": after_layout - after_html,
        "write": done - after_layout,
        "total": done - started,
        "pages": len(document.pages),
        "bytes": len(pdf),
    }


def _reference(pages: int) -> float:
    started = time.perf_counter()
    _weasyprint(_plain(pages)).write_pdf()
    return time.perf_counter() - started


def main() -> None:
    args = _options()
    project, user, _ids = build(clusters=args.clusters, activities=args.activities)
    try:
        runs = [_render(project) for _ in range(args.repeat)]
        pages = runs[0]["pages"]
        references = [_reference(pages) for _ in range(args.repeat)]

        def median(key: str) -> float:
            return statistics.median(run[key] for run in runs)

        print(
            f"project progress report to date, {args.clusters} clusters: {pages} pages, "
            f"{runs[0]['bytes'] / 1024:.0f} KiB; median of {args.repeat}"
        )
        print(
            f"  data {median('data') * 1000:.0f} ms, HTML {median('html') * 1000:.0f} ms, "
            f"layout {median('layout'):.2f} s, PDF writing {median('write'):.2f} s"
        )
        total, reference = median("total"), statistics.median(references)
        print(f"report PDF in all: {total:.2f} s (goal: under 5 s for 20 pages)")
        print(f"plain {pages}-page document (WeasyPrint alone): {reference:.2f} s")
        print(f"ratio to the plain document: {total / reference:.2f}")
    finally:
        teardown(project, user)


if __name__ == "__main__":
    main()
