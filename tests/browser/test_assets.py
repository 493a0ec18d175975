"""The minified scripts in a real Chromium: they compile, and a script full of strings,
regular expressions and comment-like text does the same minified as written
(``playbook.sitebuild.minify``). The playbook's own scripts running minified are tested by the
browser tests of each feature (read and confirm, self-assessments, checklists)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from playbook.plan.assemble import THEME_DIR
from playbook.sitebuild.minify import minify_text
from tests.browser.browserkit import expect

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.browserkit import Server
    from tests.sitefiles import BuiltSite

pytestmark = pytest.mark.browser

# Each line is a trap for a minifier that does not know JavaScript's grammar: a regular
# expression after `return`, `(`, `,` or `=` holding `/`, `//`, `/*` or quotes; division
# that looks like a regular expression; strings and template literals holding comment
# markers and runs of spaces; a line break that ends a statement (no semicolon).
TRICKY = r"""
(function () {
  "use strict";
  const out = [];
  const path = "a//b/*c*/d";  // a comment after a string with comment markers
  out.push(path.replace(/\/\/|\/\*|\*\//g, "|"));
  const half = 10 / 2 / 5;  /* a block comment */ const third = 9 /3/ 3;
  out.push(String(half), String(third));
  const quoted = /"[^"]*"|'[^']*'/g;
  out.push("say 'hi' and \"bye\"".match(quoted).join("+"));
  function test(text) { return /^\s*#\s+(\w+)$/.test(text) }
  out.push(String(test("  # heading")), String(test("#nospace")));
  const spaced = `two  spaces ${half   +   1} and // not a comment`;
  out.push(spaced);
  const klass = /[/\]]+/.exec("x/]/y")[0];
  out.push(klass);
  let a = 1
  let b = a
  ++b
  out.push(String(a), String(b));
  const words = ["a", "b"].map((w) => w + "/" + w).join(",");
  out.push(words, "a\u00e9\\n", '<\/script>');
  return out.join(" ; ");
})()
"""


def test_a_tricky_script_does_the_same_minified(page: Page) -> None:
    minified = minify_text(TRICKY, ".js")
    assert len(minified) < len(TRICKY) * 0.8
    assert page.evaluate(minified) == page.evaluate(TRICKY)


def test_every_published_script_compiles(site: BuiltSite, page: Page) -> None:
    built = sorted((site.root / "assets" / "playbook").rglob("*.js"))
    assert len(built) >= 5
    for script in built:
        source = THEME_DIR / script.relative_to(site.root)
        text = script.read_text(encoding="utf-8")
        assert len(text) < source.stat().st_size, script.name  # minified
        problem = page.evaluate(
            "text => { try { new Function(text); return '' } catch (e) { return String(e) } }",
            text,
        )
        assert problem == "", f"{script.name}: {problem}"


def test_pages_run_their_minified_scripts_without_errors(server: Server, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    for url in ("", "onboarding/", "culture-health/", "leadership/"):
        page.goto(server.url(url))
        page.wait_for_load_state("load")
    assert errors == []


def test_a_confirmed_page_has_no_link_without_an_address(server: Server, page: Page) -> None:
    """The "send my confirmation" link is made only when there is an address to send to:
    a link without one cannot be followed (Lighthouse's SEO audit fails the page)."""
    page.goto(server.url("roles/customer-care-adviser/"))
    page.locator(".playbook-confirm-button").click()
    expect(page.locator(".playbook-confirm-state")).to_contain_text("you have read this page")
    assert page.locator("a:not([href])").count() == 0
