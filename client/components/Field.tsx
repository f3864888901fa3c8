// A labelled form field with its error right under it (and announced).
import { For, type JSX, onCleanup, Show, splitProps } from "solid-js";

type Props = JSX.InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string; hint?: string };

export function Field(props: Props) {
  const [own, input] = splitProps(props, ["label", "error", "hint"]);
  const id = () => `field-${input.name}`;
  return (
    <div class="field">
      <label for={id()}>{own.label}</label>
      <input
        id={id()}
        aria-invalid={own.error ? "true" : undefined}
        aria-describedby={own.error ? `${id()}-error` : own.hint ? `${id()}-hint` : undefined}
        {...input}
      />
      <Show when={own.hint && !own.error}>
        <small id={`${id()}-hint`}>{own.hint}</small>
      </Show>
      <Show when={own.error}>
        <small id={`${id()}-error`} class="error" role="alert">
          {own.error}
        </small>
      </Show>
    </div>
  );
}

type AreaProps = JSX.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; error?: string };

export function TextArea(props: AreaProps) {
  const [own, area] = splitProps(props, ["label", "error"]);
  const id = () => `field-${area.name}`;
  return (
    <div class="field">
      <label for={id()}>{own.label}</label>
      <textarea id={id()} aria-invalid={own.error ? "true" : undefined} {...area} />
      <Show when={own.error}>
        <small class="error" role="alert">
          {own.error}
        </small>
      </Show>
    </div>
  );
}

/** The refusal of a group of inputs (a fieldset), under them and announced. */
export function GroupError(props: { message: string | undefined }) {
  return (
    <Show when={props.message}>
      <small class="error" role="alert">
        {props.message}
      </small>
    </Show>
  );
}

export function ActionError(props: { message: string | null }) {
  return (
    <Show when={props.message}>
      <p class="error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}

/**
 * A form that submits through `onSubmit` without reloading the page. Once something is
 * typed into it and not yet saved, leaving or reloading the page asks first. When
 * `onSubmit` returns a promise, only its success counts as saved (a refusal keeps the
 * warning: the text is still only in the form).
 */
export function Form(props: {
  class?: string;
  "aria-label"?: string;
  onSubmit: () => unknown;
  children?: JSX.Element;
}) {
  let unsaved = false;
  let form: HTMLFormElement | undefined;
  // After a refusal, bring the first field that says why into view (on a phone the
  // messages can sit above the screen's top) and put the cursor there.
  const showFirstRefusal = () =>
    requestAnimationFrame(() => {
      const field =
        form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>(".error");
      field?.scrollIntoView({ block: "center" });
      field?.focus?.();
    });
  const warn = (event: BeforeUnloadEvent) => {
    if (unsaved) event.preventDefault();
  };
  window.addEventListener("beforeunload", warn);
  onCleanup(() => window.removeEventListener("beforeunload", warn));
  return (
    <form
      ref={form}
      class={props.class}
      aria-label={props["aria-label"]}
      onInput={() => {
        unsaved = true;
      }}
      onSubmit={(event) => {
        event.preventDefault();
        const result = props.onSubmit();
        if (!(result instanceof Promise)) unsaved = false;
        else
          result.then(
            () => {
              unsaved = false;
            },
            showFirstRefusal, // refused: the form shows why, and its text is still unsaved
          );
      }}
    >
      {props.children}
    </form>
  );
}

/** A labelled select whose first choice (`none`) means no value. */
export function Choice(props: {
  label: string;
  name: string;
  none: string;
  value: string | null;
  choices: [string, string][];
  onChange: (value: string | null) => void;
  error: string | undefined;
}) {
  const id = () => `field-${props.name}`;
  return (
    <div class="field">
      <label for={id()}>{props.label}</label>
      <select id={id()} onChange={(e) => props.onChange(e.currentTarget.value || null)}>
        <option value="">{props.none}</option>
        <For each={props.choices}>
          {([value, label]) => (
            <option value={value} selected={value === props.value}>
              {label}
            </option>
          )}
        </For>
      </select>
      <GroupError message={props.error} />
    </div>
  );
}
