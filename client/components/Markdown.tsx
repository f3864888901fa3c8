// Markdown rendered safely: marked turns it into HTML, DOMPurify removes anything
// that could run (scripts, event handlers, javascript: links). Loaded on demand.
import { createResource, Show } from "solid-js";

async function render(markdown: string): Promise<string> {
  const [{ marked }, { default: DOMPurify }] = await Promise.all([import("marked"), import("dompurify")]);
  return DOMPurify.sanitize(await marked.parse(markdown, { gfm: true, breaks: true }));
}

export function Markdown(props: { source: string }) {
  const [html] = createResource(() => props.source, render);
  return (
    <Show when={html() !== undefined} fallback={<p aria-busy="true">…</p>}>
      <div class="markdown" innerHTML={html()} />
    </Show>
  );
}
