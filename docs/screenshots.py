"""Screenshots of the bundled sample's pages in headless Chromium, for docs/theme.md.

Run from the repository root (not in CI; it needs Chromium, and optipng if you have it):

    PYTHONPATH=src python docs/screenshots.py --theme-css /tmp/wordpress/latest-posts.css \
        --theme-css /tmp/wordpress/style.css

It writes three pages of the bundled sample (the seed article, page 2 of the ASIA category, the
search results for "seoul") as whole documents (``newsmodel.views.sitehtml.document_html``), each
twice: with newsmodel's default stylesheet and with the stylesheets of a WordPress page (the
block library's Latest Posts style, which WordPress links on every page, then Twenty
Twenty-One's ``style.css``), and takes a 1280x1600 screenshot of each into ``docs/images/``,
and one more of the article with the default stylesheet at a phone's 390x1200.
Those stylesheets are GPL and stay out of the repository: fetch them into a temporary
directory (see docs/theme.md).

The sample's images live on ``capitalcities.example``, which does not exist, so each image URL is
replaced by a grey placeholder with its alt text before the screenshot.  The PNGs are reduced to
256 colours (Pillow) and, when ``optipng`` is on the PATH, recompressed.
"""

from __future__ import annotations

import argparse
import base64
import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from newsmodel.pages.listing import ListingPage
from newsmodel.pages.page import ArticlePage
from newsmodel.pages.router import router
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, load_bundled
from newsmodel.search.index import SearchIndex
from newsmodel.views.sitehtml import View, document_html

OUT = Path(__file__).parent / "images"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
_IMG = re.compile(r'<img [^>]*src="https://capitalcities\.example/[^"]+"[^>]*>')
_SRC = re.compile(r'src="[^"]+"')
_ALT = re.compile(r'alt="([^"]*)"')
_WIDTH = re.compile(r'width="(\d+)"')
_HEIGHT = re.compile(r'height="(\d+)"')


def _placeholder(alt: str, width: int = 1200, height: int = 675) -> str:
    label = html.escape(html.unescape(alt) or "image", quote=True)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<rect width="100%" height="100%" fill="#c9d1da"/><text x="50%" y="50%" font-family="sans-serif"'
        f' font-size="{height // 10}" fill="#5b6470" text-anchor="middle" dominant-baseline="middle">'
        f"{label}</text></svg>"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def offline(document: str) -> str:
    """``document`` with every image of the example domain replaced by a placeholder."""

    def swap(m: re.Match[str]) -> str:
        tag = m.group(0)
        alt = _ALT.search(tag)
        width, height = _WIDTH.search(tag), _HEIGHT.search(tag)
        size = (int(width.group(1)), int(height.group(1))) if width and height else (1200, 675)
        return _SRC.sub(lambda _: f'src="{_placeholder(alt.group(1) if alt else "", *size)}"', tag, count=1)

    return _IMG.sub(swap, document)


def views() -> dict[str, View]:
    """The three pages: the seed article, page 2 of the ASIA category, a search."""
    corpus = load_bundled()
    r = corpus.cached(router)
    index = SearchIndex.build(corpus)

    def search(query: str, page: int, per_page: int) -> object:
        return index.search(query, as_of=SEED_AS_OF, page=page, per_page=per_page)

    base = corpus.site.base_url.rstrip("/")
    out: dict[str, View] = {}
    for name, url in (
        ("article", r.pages.article_url(corpus.find_article(SEED_SLUG))),
        ("category", f"{base}/category/world/asia/page/2/"),
        ("search", f"{base}/?s=seoul"),
    ):
        view = r.view(url, as_of=SEED_AS_OF, search=search)
        assert isinstance(view, (ArticlePage, ListingPage)), (url, view)
        out[name] = view
    return out


def shoot(page: Path, png: Path, chromium: str, size: str = "1280,1600") -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--window-size={size}",
                f"--user-data-dir={profile}",
                f"--screenshot={png}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def shrink(png: Path) -> None:
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow is optional here
        pass
    else:
        with Image.open(png) as im:
            im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(png, optimize=True)
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", str(png)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--theme-css",
        type=Path,
        action="append",
        required=True,
        help="a stylesheet of the WordPress look, linked in the order given (repeat the option)",
    )
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, view in views().items():
            theme = [css.resolve().as_uri() for css in args.theme_css]
            for style, sheet in (("default", None), ("twentytwentyone", theme)):
                page = Path(tmp) / f"{name}-{style}.html"
                page.write_text(offline(document_html(view, lang=args.lang, stylesheet=sheet)), encoding="utf-8")
                png = OUT / f"theme-{name}-{style}.png"
                shoot(page, png, args.chromium)
                shrink(png)
                print(f"{png} {png.stat().st_size // 1024} KB")
                if name == "article" and style == "default":  # and as a phone shows it
                    phone = OUT / "theme-article-default-phone.png"
                    shoot(page, phone, args.chromium, size="390,1200")
                    shrink(phone)
                    print(f"{phone} {phone.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
