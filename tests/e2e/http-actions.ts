// Server actions called over HTTP exactly as a browser calls them (POST with the Next-Action header
// and React's encoded arguments), to any running instance of this build: the action ids from the
// build's manifest, a session made in the database for the caller, what the answer says, and the
// session cookie a sign-in link sets. Used by security-http.spec.ts and two-instances.spec.ts.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PORT } from "../../playwright.config";
import type { PrismaClient } from "../../lib/db/client";
import { outcomeOf, type Outcome } from "../security/harness";

const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

/** The browser tests' own server (Playwright's webServer). */
export const BASE = `http://localhost:${PORT}`;
const ROOT = path.resolve(import.meta.dirname, "../..");

interface ManifestAction {
  filename: string;
  exportedName: string;
  workers: Record<string, unknown>;
}

let ids: Map<string, { id: string; page: string }> | undefined;

/** Server action ids of this build, by "file#export", with a page that serves each (read once). */
function actionIds(): Map<string, { id: string; page: string }> {
  if (ids) return ids;
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestAction>;
  };
  ids = new Map();
  for (const [id, a] of Object.entries(manifest.node)) {
    const worker = Object.keys(a.workers).find((w) => !w.includes("[") && !w.includes("_not-found")) ?? "app/page";
    const page = worker.replace(/^app/, "").replace(/\/page$/, "") || "/";
    ids.set(`${a.filename}#${a.exportedName}`, { id, page });
  }
  return ids;
}

/** A session for this member, as next-auth stores one; the cookie that carries it. */
export async function sessionCookie(prisma: PrismaClient, memberId: string | null): Promise<string | undefined> {
  if (!memberId) return undefined;
  const token = randomBytes(24).toString("hex");
  await prisma.session.create({ data: { sessionToken: token, userId: memberId, expires: new Date(Date.now() + 3_600_000) } });
  return `authjs.session-token=${token}`;
}

export interface PostOptions {
  /** The instance to call (default: the webServer); the Origin header is this too unless given. */
  base?: string;
  cookie?: string;
  /** null: no Origin header at all. */
  origin?: string | null;
  /** Sent as X-Forwarded-For: the client address the rate limits and the audit log see. */
  ip?: string;
}

/** Calls a server action over HTTP as the browser does. */
export async function postAction(entryId: string, form: FormData, options: PostOptions = {}): Promise<Response> {
  const action = actionIds().get(entryId);
  if (!action) throw new Error(`No server action ${entryId} in this build's manifest`);
  const base = options.base ?? BASE;
  const headers: Record<string, string> = { "Next-Action": action.id, Accept: "text/x-component" };
  if (options.origin !== null) headers.Origin = options.origin ?? base;
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.ip) headers["X-Forwarded-For"] = options.ip;
  const body = await encodeReply([null, form]);
  return fetch(`${base}${action.page}`, { method: "POST", headers, body: body as BodyInit, redirect: "manual" });
}

/** What an action's HTTP answer says: its result row, or a redirect. */
export async function outcomeOfResponse(response: Response): Promise<Outcome> {
  const text = await response.text();
  const redirect = response.headers.get("x-action-redirect");
  if (redirect) return { kind: "redirect", to: redirect.split(";")[0]! };
  if (response.status !== 200) return { kind: "threw", error: `HTTP ${response.status}: ${text.slice(0, 200)}` };
  const line = text.split("\n").find((l) => l.startsWith("1:"));
  if (!line) return { kind: "threw", error: `no result row: ${text.slice(0, 200)}` };
  const row = line.slice(2);
  if (row.startsWith("E")) return { kind: "threw", error: `server error ${row.slice(1, 200)}` };
  return outcomeOf(JSON.parse(row));
}

/** The session cookie ("authjs.session-token=…") a response sets, if it signed someone in. */
export function sessionSetBy(response: Response): string | undefined {
  return (response.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(";")[0]!)
    .find((c) => /^authjs\.session-token=[^;]+$/.test(c));
}
