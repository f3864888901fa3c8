// "Repeats": the part of the New session form (and the poll form) that makes a series.
// The values stay as the form shows them; repetitionInput turns them into the router's.
import { Show } from "solid-js";
import { fieldError } from "../lib/errors.ts";
import { GroupError } from "./Field.tsx";

export type RepeatValues = {
  frequency: "none" | "weekly" | "monthly";
  interval: number;
  end: "never" | "until" | "count";
  until: string;
  count: number;
};

export const NO_REPEAT: RepeatValues = { frequency: "none", interval: 1, end: "never", until: "", count: 10 };

/** The series.create / poll.create repetition, or null for a single session. */
export function repetitionInput(v: RepeatValues) {
  if (v.frequency === "none") return null;
  return {
    frequency: v.frequency,
    interval: v.interval,
    until: v.end === "until" ? v.until : null,
    count: v.end === "count" ? v.count : null,
  };
}

/** The browser's zone, which a series keeps: 19:00 stays 19:00 here across clock changes. */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function RepeatFields(props: { value: RepeatValues; onChange: (v: RepeatValues) => void; error: unknown }) {
  const set = <K extends keyof RepeatValues>(key: K, value: RepeatValues[K]) =>
    props.onChange({ ...props.value, [key]: value });
  const unit = () => (props.value.frequency === "weekly" ? "weeks" : "months");
  return (
    <fieldset class="gap-above" data-testid="repeats">
      <legend>Repeats</legend>
      <div class="grid two">
        <div class="field">
          <label for="field-frequency">How often</label>
          <select
            id="field-frequency"
            onChange={(e) => set("frequency", e.currentTarget.value as RepeatValues["frequency"])}
          >
            <option value="none" selected={props.value.frequency === "none"}>
              Does not repeat
            </option>
            <option value="weekly" selected={props.value.frequency === "weekly"}>
              Weekly, on the same day
            </option>
            <option value="monthly" selected={props.value.frequency === "monthly"}>
              Monthly, on the same weekday (first Friday, say)
            </option>
          </select>
        </div>
        <Show when={props.value.frequency !== "none"}>
          <div class="field">
            <label for="field-interval">Every how many {unit()}</label>
            <input
              id="field-interval"
              type="number"
              min={1}
              max={12}
              step={1}
              value={props.value.interval}
              onInput={(e) => set("interval", e.currentTarget.valueAsNumber)}
            />
          </div>
          <div class="field">
            <label for="field-end">Ends</label>
            <select id="field-end" onChange={(e) => set("end", e.currentTarget.value as RepeatValues["end"])}>
              <option value="never" selected={props.value.end === "never"}>
                Never (until you end the series)
              </option>
              <option value="until" selected={props.value.end === "until"}>
                On a date
              </option>
              <option value="count" selected={props.value.end === "count"}>
                After a number of sessions
              </option>
            </select>
          </div>
          <Show when={props.value.end === "until"}>
            <div class="field">
              <label for="field-until">Last day</label>
              <input
                id="field-until"
                type="date"
                value={props.value.until}
                onInput={(e) => set("until", e.currentTarget.value)}
              />
            </div>
          </Show>
          <Show when={props.value.end === "count"}>
            <div class="field">
              <label for="field-count">Sessions in all</label>
              <input
                id="field-count"
                type="number"
                min={2}
                max={260}
                step={1}
                value={props.value.count}
                onInput={(e) => set("count", e.currentTarget.valueAsNumber)}
              />
            </div>
          </Show>
        </Show>
      </div>
      <Show when={props.value.frequency !== "none"}>
        <small>
          Each date is its own session, with its own seats and waitlist. They are booked a few weeks ahead, and the
          series keeps its time in your time zone ({browserZone()}) across clock changes.
        </small>
      </Show>
      <GroupError message={fieldError(props.error, "repeat")} />
    </fieldset>
  );
}
