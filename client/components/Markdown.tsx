// Markdown rendered safely (lib/markdown.ts: only what markdown produces survives).
import { createResource, Show } from "solid-js";
import { renderMarkdown } from "../lib/markdown.ts";

export function Markdown(props: { source: string }) {
  const [html] = createResource(() => props.source, renderMarkdown);
  return (
    <Show when={html() !== undefined} fallback={<p aria-busy="true">…</p>}>
      <div class="markdown" innerHTML={html()} />
    </Show>
  );
}
