// The part of the session form that says who can find a session and what game it is.
import { createSignal, For } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { fieldError } from "../lib/errors.ts";
import {
  type ContentRating,
  EXPERIENCE_LABELS,
  type ExperienceLevel,
  LANGUAGE_CHOICES,
  languageName,
  RATING_LABELS,
  VISIBILITY_CHOICES,
  type Visibility,
} from "../lib/game-labels.ts";
import { Choice, Field, GroupError, TextArea } from "./Field.tsx";

export type GameValues = {
  /** Undefined: the campaign's default (public without a campaign). */
  visibility: Visibility | undefined;
  gameSystem: string | null;
  tags: string[];
  language: string | null;
  experienceLevel: ExperienceLevel | null;
  contentRating: ContentRating | null;
  contentNotes: string;
  /** Undefined: online when the venue has a link and no address. */
  online: boolean | undefined;
};

export const NO_GAME_VALUES: GameValues = {
  visibility: undefined,
  gameSystem: null,
  tags: [],
  language: null,
  experienceLevel: null,
  contentRating: null,
  contentNotes: "",
  online: undefined,
};

export const GAME_FIELDS = [
  "visibility",
  "gameSystem",
  "tags",
  "language",
  "experienceLevel",
  "contentRating",
  "contentNotes",
];

/** The description fields of a session.create / update / series input. */
export const gameInput = (v: GameValues): GameValues => ({
  visibility: v.visibility,
  gameSystem: v.gameSystem,
  tags: v.tags,
  language: v.language,
  experienceLevel: v.experienceLevel,
  contentRating: v.contentRating,
  contentNotes: v.contentNotes,
  online: v.online,
});

/** Splits "Horror, one shot" as typed into the tags the server keeps. */
const tagsOf = (text: string) =>
  text
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);

export function GameFields(props: {
  value: GameValues;
  /** The visibility a new session takes when none is chosen (its campaign's default). */
  defaultVisibility: Visibility;
  inCampaign: boolean;
  error: unknown;
  onChange: (value: GameValues) => void;
}) {
  const set = <K extends keyof GameValues>(key: K, value: GameValues[K]) =>
    props.onChange({ ...props.value, [key]: value });
  const [tagsText, setTagsText] = createSignal(props.value.tags.join(", "));
  const visibility = () => props.value.visibility ?? props.defaultVisibility;
  return (
    <>
      <fieldset class="gap-above">
        <legend>Who can find it</legend>
        <For each={VISIBILITY_CHOICES.filter((choice) => choice.value !== "campaign" || props.inCampaign)}>
          {(choice) => (
            <label class="check">
              <input
                type="radio"
                name="visibility"
                checked={visibility() === choice.value}
                onChange={() => set("visibility", choice.value)}
              />
              <span>
                <strong>{choice.label}</strong>: {choice.hint}
              </span>
            </label>
          )}
        </For>
        <GroupError message={fieldError(props.error, "visibility")} />
      </fieldset>
      <fieldset class="gap-above">
        <legend>The game</legend>
        <div class="grid two">
          <Field
            label="Game system"
            name="gameSystem"
            maxlength={LIMITS.gameSystem}
            hint="Such as D&D 5e. Left empty, a campaign's scenario gives it."
            value={props.value.gameSystem ?? ""}
            onInput={(e) => set("gameSystem", e.currentTarget.value.trim() || null)}
            error={fieldError(props.error, "gameSystem")}
          />
          <Field
            label="Tags"
            name="tags"
            hint={`Up to ${LIMITS.tags}, separated by commas: horror, one-shot`}
            value={tagsText()}
            onInput={(e) => {
              setTagsText(e.currentTarget.value);
              set("tags", tagsOf(e.currentTarget.value));
            }}
            error={fieldError(props.error, "tags")}
          />
          <Choice
            label="Language"
            name="language"
            none="Not said"
            value={props.value.language}
            choices={[...new Set([...LANGUAGE_CHOICES, ...(props.value.language ? [props.value.language] : [])])].map(
              (tag) => [tag, languageName(tag)],
            )}
            onChange={(language) => set("language", language)}
            error={fieldError(props.error, "language")}
          />
          <Choice
            label="Experience"
            name="experienceLevel"
            none="Not said"
            value={props.value.experienceLevel}
            choices={Object.entries(EXPERIENCE_LABELS)}
            onChange={(level) => set("experienceLevel", level as ExperienceLevel | null)}
            error={fieldError(props.error, "experienceLevel")}
          />
          <Choice
            label="Content rating"
            name="contentRating"
            none="Not said"
            value={props.value.contentRating}
            choices={Object.entries(RATING_LABELS)}
            onChange={(rating) => set("contentRating", rating as ContentRating | null)}
            error={fieldError(props.error, "contentRating")}
          />
        </div>
        <TextArea
          label="Content notes (optional)"
          name="contentNotes"
          maxlength={LIMITS.contentNotes}
          value={props.value.contentNotes}
          onInput={(e) => set("contentNotes", e.currentTarget.value)}
          error={fieldError(props.error, "contentNotes")}
        />
        <label class="check">
          <input
            type="checkbox"
            name="online"
            checked={props.value.online ?? false}
            onChange={(e) => set("online", e.currentTarget.checked)}
          />
          Played online
        </label>
      </fieldset>
    </>
  );
}
