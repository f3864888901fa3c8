// The security headers every response carries (helmet's, configured for Quorum).
//
// The policy allows only what the web client loads: its own scripts, styles and
// fonts, its API on the same origin, images from its origin or https (a recap may show
// one), and no framing (Join and Leave cannot be clickjacked). No Referer leaves the
// page: join codes and calendar-feed secrets live in URLs.
import type http from "node:http";
import helmet from "helmet";
import type { Config } from "../config.ts";

/** Features the client never uses, off for it and anything it might embed. */
const PERMISSIONS_POLICY = ["camera", "microphone", "geolocation", "payment", "usb"]
  .map((feature) => `${feature}=()`)
  .join(", ");

export function securityHeaders(config: Pick<Config, "NODE_ENV">) {
  const production = config.NODE_ENV === "production";
  const apply = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "https:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: "no-referrer" },
    xFrameOptions: { action: "deny" },
    // Browsers remember HSTS for the whole host: only where it is surely served over https.
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    apply(req, res, () => {});
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
  };
}
