// Inputs of the auth procedures; the web client's forms validate with the same schemas.
import { z } from "zod";
import { text } from "../text-input.ts";
import { weakPasswordReason } from "./password-strength.ts";

export const Email = z
  .email({ message: "Enter a valid email address." })
  .max(254)
  .transform((email) => email.toLowerCase());

export const Password = text()
  .min(10, { message: "Use at least 10 characters." })
  .max(256, { message: "Use at most 256 characters." });

export const SignUpInput = z
  .strictObject({
    email: Email,
    password: Password,
    displayName: text().trim().min(1, { message: "Enter a name." }).max(60),
  })
  .superRefine(({ email, password, displayName }, ctx) => {
    if (password.length < 10) return; // already refused, with the reason that matters first
    const reason = weakPasswordReason(password, [email, email.split("@")[0] ?? "", displayName, "quorum"]);
    if (reason) ctx.addIssue({ code: "custom", path: ["password"], message: reason });
  });

export const SignInInput = z.strictObject({
  email: Email,
  password: text().min(1, { message: "Enter your password." }).max(256),
});

export const ApiTokenCreateInput = z.strictObject({
  name: text().trim().min(1, { message: "Name the token." }).max(60),
  /** Days until the token stops working; null or absent: until revoked. */
  expiresInDays: z
    .number({ message: "Expires in: enter a whole number of days from 1 to 365." })
    .int({ message: "Expires in: enter a whole number of days from 1 to 365." })
    .min(1, { message: "Expires in: enter a whole number of days from 1 to 365." })
    .max(365, { message: "Expires in: enter a whole number of days from 1 to 365." })
    .nullish(),
});

export const ApiTokenRevokeInput = z.strictObject({ tokenId: text().min(1).max(64) });
