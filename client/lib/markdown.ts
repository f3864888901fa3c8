// Markdown to safe HTML: marked renders it, DOMPurify keeps only the elements and
// attributes markdown itself produces. No forms, no styles, no frames, nothing that
// runs: a recap cannot carry a phishing form or hide the page. Loaded on demand.
const MARKDOWN_TAGS = [
  "p",
  "br",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "em",
  "strong",
  "del",
  "s",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "a",
  "img",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  // GitHub task lists render as disabled checkboxes.
  "input",
];
const MARKDOWN_ATTRIBUTES = ["href", "title", "src", "alt", "align", "start", "type", "checked", "disabled"];

export async function renderMarkdown(markdown: string): Promise<string> {
  const [{ marked }, { default: DOMPurify }] = await Promise.all([import("marked"), import("dompurify")]);
  const html = await marked.parse(markdown, { gfm: true, breaks: true });
  return DOMPurify.sanitize(html, { ALLOWED_TAGS: MARKDOWN_TAGS, ALLOWED_ATTR: MARKDOWN_ATTRIBUTES });
}
