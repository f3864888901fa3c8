// @vitest-environment jsdom
// A recap in markdown keeps its formatting and loses everything else.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.ts";

describe("markdown", () => {
  it("keeps what markdown makes: headings, emphasis, lists, links, tables, task items as text", async () => {
    const html = await renderMarkdown(
      "# Night one\n*They* **won**.\n\n- [x] found the map\n\n[map](https://example.test/map)\n\n| a | b |\n| - | - |\n| 1 | 2 |",
    );
    for (const kept of [
      "<h1>",
      "<em>",
      "<strong>",
      "<li>",
      'href="https://example.test/map"',
      "<table>",
      "<td>",
      'type="checkbox"',
    ]) {
      expect(html).toContain(kept);
    }
  });

  it("drops forms, styles, frames, scripts and handlers a GM could paste in", async () => {
    const html = await renderMarkdown(
      '<form action="https://evil.test"><input name="password"><button>Log in</button></form>\n\n<style>body{display:none}</style>\n\n<iframe src="https://evil.test"></iframe><script>alert(1)</script><img src="x.png" onerror="alert(1)">\n\n[x](javascript:alert(1))',
    );
    for (const dropped of [
      "<form",
      "<button",
      'name="password"',
      "<style",
      "display:none",
      "<iframe",
      "<script",
      "onerror",
      "javascript:",
    ]) {
      expect(html).not.toContain(dropped);
    }
  });
});
