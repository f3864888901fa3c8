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

/** The zones this runtime knows, by lower-case name, in their spelling ("Asia/Kathmandu"). */
let zoneNames: Map<string, string> | undefined;
function knownZone(zone: string): string | null {
  zoneNames ??= new Map(["UTC", ...Intl.supportedValuesOf("timeZone")].map((name) => [name.toLowerCase(), name]));
  const known = zoneNames.get(zone.toLowerCase());
  if (known) return known;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone }); // an alias, such as US/Pacific
    return zone;
  } catch {
    return null;
  }
}

/** An IANA time zone ("Asia/Kathmandu"), as the browser reports it. */
export const TimeZone = text()
  .trim()
  .max(64)
  .transform((zone, ctx) => {
    const known = knownZone(zone);
    if (known) return known;
    ctx.addIssue({ code: "custom", message: "Choose a time zone from the list, such as Europe/Paris." });
    return z.NEVER;
  });

/** The secret in an emailed link (?token=). */
const LinkToken = text()
  .trim()
  .min(1, { message: "This one is incomplete; open the whole link from the email." })
  .max(200);

const DisplayName = text().trim().min(1, { message: "Enter a name." }).max(LIMITS.displayName);

/** A path on this site ("/join/K7M2QX"), never an address elsewhere: where a link leads back to. */
const SitePath = text()
  .max(500)
  .regex(/^\/(?!\/)/, { message: "Give a path on this site, starting with a single /." });

/** Sign-up asks for no password: the emailed link does (finishSignUp). */
export const SignUpInput = z.strictObject({
  email: Email,
  displayName: DisplayName,
  /** The browser's zone: emails give times in it. */
  timeZone: TimeZone.default("UTC"),
  /** Where the finished sign-up goes, such as the join link that brought the person here. */
  returnTo: SitePath.optional(),
});

/** How hard the password is to guess is checked by finishSignUp, before the link is spent. */
export const FinishSignUpInput = z.strictObject({
  token: LinkToken,
  password: Password,
});

export const ProfileUpdateInput = z.strictObject({
  displayName: DisplayName.optional(),
  timeZone: TimeZone.optional(),
});

export const PasswordChangeInput = z.strictObject({
  currentPassword: text().min(1, { message: "Enter your current password." }).max(256),
  newPassword: Password,
});

export const AccountCloseInput = z.strictObject({
  password: text().min(1, { message: "Enter your password to close your account." }).max(256),
});

export const EmailChangeInput = z.strictObject({
  email: Email,
  password: text().min(1, { message: "Enter your password." }).max(256),
});

export const EmailTokenInput = z.strictObject({
  token: LinkToken,
});

export const PasswordResetRequestInput = z.strictObject({ email: Email });

export const PasswordResetInput = z.strictObject({
  token: LinkToken,
  password: Password,
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
