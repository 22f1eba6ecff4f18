"""Every page a CDA opens weighs under 300 KB on a first visit, served as `make run`
serves it: no compression, nothing cached.

Each page is opened in a fresh browser context (an empty cache); the weight is the
HTML plus every same-origin file the page loads (CSS, JavaScript, images, the map's
outline and points), counted uncompressed: the embedded default (runserver, WhiteNoise
from the finders) sends files as they are. The pages are the permission matrix's GET
rows that answer the CDA 200, on the same world as the 360 px test.
"""

from __future__ import annotations

import pytest

from tests.conftest import build_world

from .test_viewport_overflow import enrich, pages, session_cookies

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BUDGET = 300_000  # bytes
CDA = "cda_a1"


def first_visit(browser, live_server, cookies, path):
    """(bytes, {url: bytes}) of everything same-origin the page loads from an empty cache."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    context.add_cookies(cookies)
    page = context.new_page()
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request))
    response = page.goto(live_server.url + path, wait_until="networkidle")
    sizes = {}
    for request in loaded:
        if not request.url.startswith(live_server.url):
            continue
        answer = request.response()
        if answer is None or answer.status >= 300:
            continue
        sizes[request.url.removeprefix(live_server.url)] = len(answer.body())
    context.close()
    return response, sum(sizes.values()), sizes


def test_every_cda_page_is_under_300_kb_on_a_first_visit(live_server, browser):
    world = build_world()
    by_persona = pages(world)
    enrich(world)
    cookies = session_cookies(world.user(CDA), live_server, None)
    heavy, weights, files = [], {}, {}
    for row, path in by_persona[CDA]:
        response, total, sizes = first_visit(browser, live_server, cookies, path)
        if response is None or not response.headers.get("content-type", "").startswith("text/html"):
            continue
        weights[path], files[path] = total, sizes
        if total > BUDGET:
            biggest = sorted(sizes.items(), key=lambda item: -item[1])[:6]
            heavy.append(
                f"{row} {path}: {total:,} bytes; "
                + ", ".join(f"{url} {size:,}" for url, size in biggest)
            )
    print("\n".join(f"{size:>9,} {path}" for path, size in sorted(weights.items())))
    assert len(weights) > 15, weights
    # The map is among them, and loads its country's outline, not the world.
    map_path = f"/projects/{world.project_a.pk}/map/"
    assert map_path in weights
    assert any(url.endswith("/geo/SEN.json") for url in files[map_path]), files[map_path]
    assert not any("world-atlas" in url for url in files[map_path]), files[map_path]
    assert not heavy, f"CDA pages over {BUDGET:,} bytes on a first visit:\n" + "\n".join(heavy)
