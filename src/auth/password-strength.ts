// Refuses passwords an attacker would guess early: common ones, keyboard walks,
// repeats, and ones built from the account's own email or name. zxcvbn-ts estimates
// how many guesses a password takes; its dictionaries load on the first check.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

/** zxcvbn's score 3: "safely unguessable", about 10^8 guesses or more. */
const MINIMUM_SCORE = 3;
/**
 * zxcvbn's cost grows faster than length (a 256-character keyboard walk takes seconds of
 * CPU, 32 characters of it about 0.2 s): only the start is judged. It runs after the
 * sign-up limit, so one address cannot make it run more than that limit allows.
 */
const CHECKED_LENGTH = 32;

let estimator: ZxcvbnFactory | undefined;

/** zxcvbn's warnings that read oddly to someone signing up, in plainer words. */
const OUR_WORDS: Record<string, string> = {
  "There should not be any personal or page related data.":
    "It contains your name, your email address or this site's name.",
};

/** Why a password is too easy to guess, as a sentence; null when it is strong enough. */
export function weakPasswordReason(password: string, personal: readonly string[]): string | null {
  estimator ??= new ZxcvbnFactory({
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
  });
  const { score, feedback } = estimator.check(password.slice(0, CHECKED_LENGTH), [...personal]);
  if (score >= MINIMUM_SCORE) return null;
  const why = OUR_WORDS[feedback.warning ?? ""] ?? feedback.warning ?? "It would be guessed quickly.";
  const suggestion = feedback.suggestions[0] ?? "Try a few uncommon words together.";
  return `This password is too easy to guess. ${why} ${suggestion}`;
}
