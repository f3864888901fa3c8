// How a session's visibility and game description read to people.
import type { CONTENT_RATINGS, EXPERIENCE_LEVELS, SESSION_VISIBILITIES } from "../../src/sessions/inputs.ts";

export type Visibility = (typeof SESSION_VISIBILITIES)[number];
export type ExperienceLevel = (typeof EXPERIENCE_LEVELS)[number];
export type ContentRating = (typeof CONTENT_RATINGS)[number];

export const VISIBILITY_CHOICES: { value: Visibility; label: string; hint: string }[] = [
  { value: "public", label: "Public", hint: "listed for everyone looking for a game, signed out too" },
  { value: "unlisted", label: "Unlisted", hint: "only people you give its link or code can find it" },
  { value: "campaign", label: "Campaign members only", hint: "nobody else sees it, even with its link" },
];

export const EXPERIENCE_LABELS: Record<ExperienceLevel, string> = {
  newcomers: "New players welcome",
  mixed: "Some experience helps",
  experienced: "Experienced players",
  veterans: "Veterans",
};

export const RATING_LABELS: Record<ContentRating, string> = {
  all_ages: "All ages",
  teen: "Teen",
  mature: "Mature",
};

/** The languages the form offers (a session may hold any BCP 47 tag, set through the API). */
export const LANGUAGE_CHOICES = [
  "en",
  "fr",
  "de",
  "es",
  "it",
  "pt",
  "nl",
  "pl",
  "sv",
  "da",
  "nb",
  "fi",
  "cs",
  "ru",
  "uk",
  "tr",
  "ja",
  "ko",
  "zh",
  "ar",
];

const languageNames = new Intl.DisplayNames(undefined, { type: "language" });
/** "fr-CA" as the reader's browser names it: "Canadian French". */
export const languageName = (tag: string) => languageNames.of(tag) ?? tag;
