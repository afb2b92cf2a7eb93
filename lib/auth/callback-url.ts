// Where to go after signing in: only a path inside this app, never another site.
export function safeCallbackUrl(raw: unknown, fallback = "/dashboard"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 500) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\") || /[\u0000-\u001f]/.test(raw)) return fallback;
  if (raw.startsWith("/signin") || raw.startsWith("/api/auth")) return fallback;
  return raw;
}
