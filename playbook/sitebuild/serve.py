"""``playbook serve``: a live preview that never leaves the browser waiting.

MkDocs' own server keeps every request waiting while a rebuild is failing ("the server
will appear stuck"). Here a failed rebuild is a finished build too: every page of the
preview shows what is wrong, located, and reloads by itself once the file is fixed.
"""

from __future__ import annotations

import errno
import functools
import html
import ipaddress
import logging
import shutil
import socket
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from playbook.engines import select_engine
from playbook.errors import ProfileError, ProjectError
from playbook.profile.load import load_profile
from playbook.sitebuild.build import logging_to_stderr, terminate_as_interrupt
from playbook.sitebuild.settings import ErrorCollector, project_settings

if TYPE_CHECKING:
    from playbook.engines.mkdocs_api import MkDocsConfig

log = logging.getLogger("mkdocs.playbook.sitebuild.serve")

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


def check_address(dev_addr: str) -> tuple[str, int]:
    """The host and port of ``HOST:PORT``, checked before anything is built.

    The host is an IP address or ``localhost`` (as MkDocs accepts), the port a number
    from 1 to 65535 that nothing else listens on; each way it is not is one sentence.

    Raises:
        ProjectError: the address cannot be served on (exit code 2).
    """
    shown = "".join(char if char.isprintable() else repr(char)[1:-1] for char in dev_addr)
    where = f"cannot serve on {shown!r}"
    host, colon, port_text = dev_addr.rpartition(":")
    if not colon or not host:
        raise ProjectError(f"{where}: write the address as HOST:PORT, e.g. 127.0.0.1:8000")
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if bare != "localhost":
        try:
            bare = str(ipaddress.ip_address(bare))
        except ValueError:
            raise ProjectError(
                f"{where}: the host must be an IP address: 127.0.0.1 (this computer only), "
                "0.0.0.0 (every network of this computer) or localhost"
            ) from None
    if not (port_text.isascii() and port_text.isdigit() and 1 <= int(port_text) <= 65535):
        raise ProjectError(f"{where}: the port must be a number from 1 to 65535, e.g. 8000")
    port = int(port_text)
    family = socket.AF_INET6 if ":" in bare else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # The same options as the preview's own server, so the probe binds when it would.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((bare, port))
        except OSError as error:
            raise ProjectError(f"{where}: {_bind_problem(error, host, port)}") from None
    return bare, port


def _bind_problem(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"port {port} is already in use (another preview?); stop that program or "
            f"choose another port, e.g. -a {host}:{port + 1 if port < 65535 else 8000}"
        )
    if error.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this computer; use 127.0.0.1 or 0.0.0.0"
    if error.errno == errno.EACCES:
        return f"port {port} needs administrator rights here; choose one above 1023, e.g. 8000"
    if isinstance(error, socket.gaierror):
        return f"{host} is not a name this computer knows; use 127.0.0.1 or 0.0.0.0"
    return error.strerror or str(error)


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
    from playbook.engines.mkdocs_api import live_reload_server, serve_url

    check_address(dev_addr)
    try:
        load_profile(profile_path)
    except ProfileError:
        # A profile that is there but has mistakes is served anyway: every page shows the
        # problems, located, until the file is saved without them (as after an edit).
        # The Zensical preview has no such page yet, and a missing file is nothing to watch.
        if engine == "zensical" or not profile_path.is_file():
            raise
    settings = project_settings(profile_path, mkdocs_config)
    select_engine(engine)
    if engine == "zensical":
        from playbook.engines.zensical import serve_with_zensical

        with logging_to_stderr(verbose, serving=True):
            serve_with_zensical(settings, dev_addr=dev_addr)
        return
    site_dir = Path(tempfile.mkdtemp(prefix="playbook-preview-"))
    try:
        with logging_to_stderr(verbose, serving=True), terminate_as_interrupt():
            # A preview shows warnings rather than failing on them, whatever strict: says.
            config = settings.load(strict=False, site_dir=str(site_dir), dev_addr=dev_addr)
            config.plugins.on_startup(command="serve", dirty=False)
            host, port = config.dev_addr
            address = serve_url(host, port, urlsplit(config.site_url or "/").path)
            builder = PreviewBuilder(settings, site_dir, dev_addr, address)
            try:
                server = live_reload_server(
                    builder=builder,
                    host=host,
                    port=port,
                    root=str(site_dir),
                    mount_path=urlsplit(address).path,
                )
            except OSError as error:  # taken since check_address looked
                raise ProjectError(
                    f"cannot serve on {dev_addr!r}: {_bind_problem(error, host, port)}"
                ) from None
            # As `mkdocs serve` does: an unknown address gets the site's 404 page, which
            # lists the problems while the build fails (a bookmarked page, say).
            server.error_handler = functools.partial(_error_page, site_dir)
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
        from playbook.engines.mkdocs_api import build

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


def _error_page(site_dir: Path, code: int) -> bytes | None:
    """The site's own page for an HTTP error (404.html), if the build wrote one."""
    page = site_dir / f"{code}.html"
    return page.read_bytes() if page.is_file() else None


def _error_lines(error: BaseException) -> list[str]:
    from playbook.engines.rendering import template_error_line
    from playbook.errors import PlaybookError

    if isinstance(error, PlaybookError):
        return error.lines
    located = template_error_line(error)
    if located:
        return [located]
    if isinstance(error, SystemExit):
        return []  # mkdocs-macros logged the template error before it exited
    return str(error).splitlines() or [type(error).__name__]
