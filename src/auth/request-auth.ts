// Who is calling: a Bearer API token (scripts) or the auth-session cookie (browsers),
// and whether a browser request comes from our own origin.
import type { Services } from "../services.ts";
import { userForApiToken } from "./api-tokens.ts";
import type { Credential } from "./credentials.ts";
import type { AuthUser } from "./lucia.ts";

export type RequestAuth = {
  user: AuthUser | null;
  authSessionToken: string | null;
  /** What authenticated the request, for checks later in a live stream. */
  credential: Credential | null;
  sameOrigin: boolean;
  /** A refreshed (sliding expiry) or blank cookie to send back, if any. */
  cookie: string | null;
};

export type RequestHeaders = {
  method: string;
  /** Where the request was sent: scheme, Host and port, as the browser saw them. */
  requestOrigin: string | null;
  origin?: string;
  cookie?: string;
  authorization?: string;
};

export async function authenticateRequest(services: Services, headers: RequestHeaders): Promise<RequestAuth> {
  const { lucia, db, config } = services;
  // Browsers send Origin on every POST; scripts send none and authenticate by token.
  const sameOrigin =
    headers.origin === undefined ||
    isAllowedOrigin(headers.origin, [
      headers.requestOrigin,
      new URL(config.PUBLIC_URL).origin,
      ...config.ALLOWED_ORIGINS,
    ]);

  const bearer = headers.authorization ? lucia.readBearerToken(headers.authorization) : null;
  if (bearer) {
    return {
      user: await userForApiToken(db, bearer, services.now()),
      authSessionToken: null,
      credential: { kind: "apiToken", token: bearer },
      sameOrigin,
      cookie: null,
    };
  }

  const token = headers.cookie ? lucia.readSessionCookie(headers.cookie) : null;
  if (!token) return { user: null, authSessionToken: null, credential: null, sameOrigin, cookie: null };
  // A cookie-authenticated mutation must carry a matching Origin.
  const cookieSameOrigin = sameOrigin && (headers.method === "GET" || headers.origin !== undefined);
  const { user, session } = await lucia.validateSession(token);
  if (!session) {
    return {
      user: null,
      authSessionToken: null,
      credential: null,
      sameOrigin: cookieSameOrigin,
      cookie: lucia.createBlankSessionCookie().serialize(),
    };
  }
  return {
    user,
    authSessionToken: session.id,
    credential: { kind: "authSession", token: session.id },
    sameOrigin: cookieSameOrigin,
    cookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
  };
}

/**
 * Whether an Origin header names one of `allowed` exactly: scheme, host and port. (A
 * page on http://quorum.example must not act for https://quorum.example, nor one on
 * another port of the same host.)
 */
export function isAllowedOrigin(origin: string, allowed: readonly (string | null)[]): boolean {
  if (!URL.canParse(origin)) return false;
  const { origin: normalized } = new URL(origin);
  return normalized !== "null" && allowed.includes(normalized);
}
