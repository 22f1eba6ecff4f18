"""The report renderer reads only the app's static files: no local file, no network."""

import pytest

from monitoring.reports.pdf import RefusedURL, allowed_url, html_to_pdf, static_only_fetcher


def test_static_files_and_data_urls_are_allowed(settings):
    css = (settings.BASE_DIR / "static" / "css" / "clusterdev.css").as_uri()
    assert allowed_url(css)
    assert allowed_url("data:image/png;base64,iVBORw0KGgo=")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/logo.png",
        "ftp://example.org/x",
    ],
)
def test_other_urls_are_refused(url):
    assert not allowed_url(url)
    with pytest.raises(RefusedURL):
        static_only_fetcher().fetch(url)


def test_a_static_path_climbing_out_is_refused(settings):
    escape = (settings.BASE_DIR / "static" / ".." / "config" / "settings.py").as_uri()
    assert not allowed_url(escape)


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def test_a_report_naming_a_local_file_renders_without_it(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(_png())
    pdf = html_to_pdf(f'<p>Report</p><img src="{secret.as_uri()}">')
    assert pdf.startswith(b"%PDF-")
    assert b"/Image" not in pdf


def test_an_inline_image_is_embedded():
    import base64

    data = base64.b64encode(_png()).decode()
    pdf = html_to_pdf(f'<p>Report</p><img src="data:image/png;base64,{data}">')
    assert b"/Image" in pdf
