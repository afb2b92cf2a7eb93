// The security headers of every response, in one list (docs/SECURITY-HEADERS.md says why each).
// Plain JavaScript because next.config.mjs imports it too. Two places set them:
// - next.config.mjs `headers()`: STATIC_HEADERS on every response, static files included. Next
//   freezes that list into the build, so nothing there may depend on the environment at run time.
// - proxy.ts: per request, the Content-Security-Policy with a fresh nonce, and HSTS when the app
//   runs in production (APP_ENV is read when the server runs, not when it is built).

/** @typedef {{ key: string, value: string }} Header */

/** Headers that are the same for every response in every environment. @type {readonly Header[]} */
export const STATIC_HEADERS = Object.freeze([
  // Our pages send no referrer to other sites; same-origin requests keep theirs (the audit log reads it).
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // For browsers without CSP frame-ancestors: no site may frame the bank (clickjacking).
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
]);

/** Two years (the HSTS preload list asks for at least one), every subdomain too. */
export const HSTS_HEADER = Object.freeze({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });

export const CSP_HEADER = "Content-Security-Policy";

/** 128 random bits, base64: a fresh one for every request. */
export function createNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy for a page rendered with `nonce`.
 * @param {{ nonce: string, production: boolean, nextDev: boolean }} options
 *   production: the app runs in production (lib/config isProduction): upgrade-insecure-requests.
 *   nextDev: `next dev` (NODE_ENV=development), whose React needs eval for its error overlay and
 *   whose styles are injected by script without a nonce.
 * @returns {string}
 */
export function contentSecurityPolicy({ nonce, production, nextDev }) {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts that Next's own nonce-bearing scripts load are trusted; nothing
    // else, not even same-origin, runs. 'self' is only for browsers without CSP 3.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${nextDev ? " 'unsafe-eval'" : ""}`,
    // Stylesheets from /_next/static, and inline <style> only with the nonce (Next puts it there).
    nextDev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    // style="" attributes: none. React sets styles after load through the DOM, which CSP allows.
    "style-src-attr 'none'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (production) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}
