// A QR code for a link, drawn by the qrcode library (loaded only where one is shown).
import { createResource, Show } from "solid-js";

export function QrCode(props: { text: string; label: string }) {
  const [svg] = createResource(
    () => props.text,
    async (text) => {
      const svg = await (await import("qrcode")).toString(text, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
      // The wrapper is the image, named by `label`; the drawing inside is not a second one.
      return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ');
    },
  );
  return (
    <Show when={svg()} fallback={<p aria-busy="true">Drawing the QR code…</p>}>
      {/* The SVG comes from the QR library, not from user input. */}
      <div class="qr" role="img" aria-label={props.label} innerHTML={svg()} />
    </Show>
  );
}
