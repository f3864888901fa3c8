// Who is calling: a Bearer API token (scripts) or the auth-session cookie (browsers),
// and whether a browser request comes from our own origin.
import { verifyRequestOrigin } from "lucia";
import type { Services } from "../services.ts";
import { userForApiToken } from "./api-tokens.ts";
import type { AuthUser } from "./lucia.ts";

export type RequestAuth = {
  user: AuthUser | null;
  authSessionToken: string | null;
  sameOrigin: boolean;
  /** A refreshed (sliding expiry) or blank cookie to send back, if any. */
  cookie: string | null;
};

export type RequestHeaders = {
  method: string;
  host?: string;
  origin?: string;
  cookie?: string;
  authorization?: string;
};

export async function authenticateRequest(services: Services, headers: RequestHeaders): Promise<RequestAuth> {
  const { lucia, db, config } = services;
  // Browsers send Origin on every POST; scripts send none and authenticate by token.
  const sameOrigin =
    headers.origin === undefined ||
    (headers.host !== undefined && verifyRequestOrigin(headers.origin, [headers.host, ...config.ALLOWED_ORIGINS]));

  const bearer = headers.authorization ? lucia.readBearerToken(headers.authorization) : null;
  if (bearer) {
    return {
      user: await userForApiToken(db, bearer, services.now()),
      authSessionToken: null,
      sameOrigin,
      cookie: null,
    };
  }

  const token = headers.cookie ? lucia.readSessionCookie(headers.cookie) : null;
  if (!token) return { user: null, authSessionToken: null, sameOrigin, cookie: null };
  // A cookie-authenticated mutation must carry a matching Origin.
  const cookieSameOrigin = sameOrigin && (headers.method === "GET" || headers.origin !== undefined);
  const { user, session } = await lucia.validateSession(token);
  if (!session) {
    return {
      user: null,
      authSessionToken: null,
      sameOrigin: cookieSameOrigin,
      cookie: lucia.createBlankSessionCookie().serialize(),
    };
  }
  return {
    user,
    authSessionToken: session.id,
    sameOrigin: cookieSameOrigin,
    cookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
  };
}
