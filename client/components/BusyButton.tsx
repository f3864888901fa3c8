// A button that stays where it is while its request runs. A disabled button loses focus
// (and a screen reader says nothing): this one keeps focus, refuses a second press, and
// says it is working, to the eye (aria-busy styling) and in a live region.
import { type JSX, Show, splitProps } from "solid-js";

type Props = Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, "onClick"> & {
  busy: boolean;
  /** Said while busy; "Working on it…" unless given. */
  busyText?: string;
  /** False for all but one of a group of buttons busy with the same request: one voice is enough. */
  announce?: boolean;
  onClick?: (event: MouseEvent) => void;
};

export function BusyButton(props: Props) {
  const [own, button] = splitProps(props, ["busy", "busyText", "announce", "onClick", "children"]);
  return (
    <>
      <button
        type="button"
        {...button}
        aria-disabled={own.busy ? "true" : undefined}
        aria-busy={own.busy ? "true" : undefined}
        onClick={(event) => {
          if (own.busy)
            event.preventDefault(); // a submit button's form is not sent twice either
          else own.onClick?.(event);
        }}
      >
        {own.children}
      </button>
      <span class="visually-hidden" role="status">
        <Show when={own.busy && own.announce !== false}>{own.busyText ?? "Working on it…"}</Show>
      </span>
    </>
  );
}
