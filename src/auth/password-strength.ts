// Refuses passwords an attacker would guess early: common ones, keyboard walks,
// repeats, and ones built from the account's own email or name. zxcvbn-ts estimates
// how many guesses a password takes; its dictionaries load on the first check.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

/** zxcvbn's score 3: "safely unguessable", about 10^8 guesses or more. */
const MINIMUM_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

/** Why a password is too easy to guess, as a sentence; null when it is strong enough. */
export function weakPasswordReason(password: string, personal: readonly string[]): string | null {
  estimator ??= new ZxcvbnFactory({
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
  });
  const { score, feedback } = estimator.check(password, [...personal]);
  if (score >= MINIMUM_SCORE) return null;
  const why = feedback.warning ?? "It would be guessed quickly.";
  const suggestion = feedback.suggestions[0] ?? "Try a few uncommon words together.";
  return `This password is too easy to guess. ${why} ${suggestion}`;
}
