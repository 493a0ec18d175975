"""``playbook serve``: a live preview that never leaves the browser waiting.

MkDocs' own server keeps every request waiting while a rebuild is failing ("the server
will appear stuck"). Here a failed rebuild is a finished build too: every page of the
preview shows what is wrong, located, and reloads by itself once the file is fixed.
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from playbook.engines import select_engine
from playbook.load import load_profile
from playbook.settings import ErrorCollector, project_settings
from playbook.site import logging_to_stderr, terminate_as_interrupt

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.playbook.preview")

_ERROR_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>The playbook could not be rebuilt</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; max-width: 50rem; margin: 2rem auto;
  padding: 0 1rem; color: #1a1a1a; background: #fff; }}
pre {{ white-space: pre-wrap; background: #fff4f4; border-left: 4px solid #b00020;
  padding: 1rem; overflow-x: auto; }}
</style></head>
<body>
<main>
<h1>The playbook could not be rebuilt</h1>
<p>Fix what is listed below and save the file: this page reloads by itself.</p>
<pre>{problems}</pre>
</main>
</body>
</html>
"""


def serve_site(
    profile_path: Path,
    *,
    mkdocs_config: Path | None = None,
    dev_addr: str = "127.0.0.1:8000",
    verbose: bool = False,
    engine: str = "mkdocs",
) -> None:
    """Validate, then serve a live-reloading preview until interrupted.

    Args:
        engine: "mkdocs", "properdocs" (chosen with ``playbook.engines.select_engine``
            before MkDocs is imported) or "zensical" (``zensical serve``).
    """
    from mkdocs.livereload import LiveReloadServer, _serve_url

    load_profile(profile_path)
    settings = project_settings(profile_path, mkdocs_config)
    select_engine(engine)
    if engine == "zensical":
        from playbook.engines.zensical import serve_with_zensical

        with logging_to_stderr(verbose, serving=True), settings.profile_override():
            serve_with_zensical(settings, dev_addr=dev_addr)
        return
    site_dir = Path(tempfile.mkdtemp(prefix="playbook-preview-"))
    try:
        with (
            logging_to_stderr(verbose, serving=True),
            settings.profile_override(),
            terminate_as_interrupt(),
        ):
            # A preview shows warnings rather than failing on them, whatever strict: says.
            config = settings.load(strict=False, site_dir=str(site_dir), dev_addr=dev_addr)
            config.plugins.on_startup(command="serve", dirty=False)
            host, port = config.dev_addr
            serve_url = _serve_url(host, port, urlsplit(config.site_url or "/").path)
            builder = PreviewBuilder(settings, site_dir, dev_addr, serve_url)
            server = LiveReloadServer(
                builder=builder,
                host=host,
                port=port,
                root=str(site_dir),
                mount_path=urlsplit(serve_url).path,
            )
            builder(config)
            server.watch(config.docs_dir)
            server.watch(str(settings.config_file))
            server = config.plugins.on_serve(server, config=config, builder=builder)
            for item in config.watch:
                server.watch(item)
            try:
                server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                server.shutdown()
                config.plugins.on_shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


class PreviewBuilder:
    """Builds the preview; when a build fails, every page shows the problems instead."""

    def __init__(self, settings: Any, site_dir: Path, dev_addr: str, serve_url: str) -> None:
        self.settings = settings
        self.site_dir = site_dir
        self.dev_addr = dev_addr
        self.serve_url = serve_url
        self.pages: set[Path] = {Path("index.html"), Path("404.html")}

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        from mkdocs.commands.build import build

        collected = ErrorCollector()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collected)
        try:
            if config is None:
                config = self.settings.load(
                    strict=False, site_dir=str(self.site_dir), dev_addr=self.dev_addr
                )
            config.site_url = self.serve_url
            build(config, serve_url=self.serve_url)
        except (Exception, SystemExit) as error:  # a failed rebuild must still finish
            self.show_problems([*collected.messages, *_error_lines(error)])
            log.error("The preview shows what is wrong; it recovers when the file is fixed.")
            return
        finally:
            logger.removeHandler(collected)
        self.pages |= {path.relative_to(self.site_dir) for path in self.site_dir.rglob("*.html")}

    def show_problems(self, lines: list[str]) -> None:
        """Write the error page over every page the preview has served."""
        unique = list(dict.fromkeys(line for line in lines if line.strip()))
        page = _ERROR_PAGE.format(problems=html.escape("\n".join(unique)))
        for relative in self.pages:
            target = self.site_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")


def _error_lines(error: BaseException) -> list[str]:
    from playbook.errors import PlaybookError

    if isinstance(error, PlaybookError):
        return error.lines
    if isinstance(error, SystemExit):
        return []  # mkdocs-macros logged the template error before it exited
    return str(error).splitlines() or [type(error).__name__]
