// Inputs of the auth procedures; the web client's forms validate with the same schemas.
import { z } from "zod";
import { LIMITS } from "../input-limits.ts";
import { text } from "../text-input.ts";

export const Email = z
  .email({ message: "Enter a valid email address." })
  .max(254)
  .transform((email) => email.toLowerCase());

export const Password = text()
  .min(LIMITS.password.min, { message: `Use at least ${LIMITS.password.min} characters.` })
  .max(LIMITS.password.max, { message: `Use at most ${LIMITS.password.max} characters.` });

/** How hard the password is to guess is checked by signUp, after the sign-up limit (it costs CPU). */
export const SignUpInput = z.strictObject({
  email: Email,
  password: Password,
  displayName: text().trim().min(1, { message: "Enter a name." }).max(LIMITS.displayName),
});

export const SignInInput = z.strictObject({
  email: Email,
  password: text().min(1, { message: "Enter your password." }).max(256),
});

export const ApiTokenCreateInput = z.strictObject({
  name: text().trim().min(1, { message: "Name the token." }).max(LIMITS.tokenName),
  /** Days until the token stops working; null or absent: until revoked. */
  expiresInDays: z
    .number({ message: "Enter a whole number of days from 1 to 365." })
    .int({ message: "Enter a whole number of days from 1 to 365." })
    .min(1, { message: "Enter a whole number of days from 1 to 365." })
    .max(365, { message: "Enter a whole number of days from 1 to 365." })
    .nullish(),
});

export const ApiTokenRevokeInput = z.strictObject({ tokenId: text().min(1).max(64) });
