// Who is calling, for server actions called directly in tests (see setup.ts): kept per async call
// chain, so 50 concurrent calls can each be a different member from a different address.
import { AsyncLocalStorage } from "node:async_hooks";

export interface CookieJar {
  get(name: string): { name: string; value: string } | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
  has(name: string): boolean;
  getAll(): { name: string; value: string }[];
}

export interface Caller {
  memberId: string | null;
  headers: Headers;
  cookies: CookieJar;
}

function jar(): CookieJar {
  const values = new Map<string, string>();
  return {
    get: (name) => (values.has(name) ? { name, value: values.get(name)! } : undefined),
    set: (name, value) => void values.set(name, value),
    delete: (name) => void values.delete(name),
    has: (name) => values.has(name),
    getAll: () => [...values].map(([name, value]) => ({ name, value })),
  };
}

const storage = new AsyncLocalStorage<Caller>();
const nobody: Caller = { memberId: null, headers: new Headers(), cookies: jar() };

export function currentCaller(): Caller {
  return storage.getStore() ?? nobody;
}

export interface CallerOptions {
  ip?: string;
  userAgent?: string;
  referer?: string;
}

/** A caller's session token: the prefix, then their member id (tests/security/setup.ts reads it). */
export const CALLER_TOKEN_PREFIX = "test-caller:";

/** Runs `work` as this member (null: nobody signed in), from this client address. */
export function asCaller<T>(memberId: string | null, work: () => Promise<T>, options: CallerOptions = {}): Promise<T> {
  const headers = new Headers({
    "x-forwarded-for": options.ip ?? "203.0.113.7",
    "user-agent": options.userAgent ?? "security-tests",
    referer: options.referer ?? "http://localhost:3000/",
  });
  const cookies = jar();
  // The session cookie under both of next-auth's names: the app reads the one its address calls for.
  if (memberId) for (const name of ["authjs.session-token", "__Secure-authjs.session-token"]) cookies.set(name, `${CALLER_TOKEN_PREFIX}${memberId}`);
  return storage.run({ memberId, headers, cookies }, work);
}

const authCalls: { kind: "signIn" | "signOut"; provider: string; options: unknown }[] = [];

export function recordAuthCall(kind: "signIn" | "signOut", provider: string, options: unknown): void {
  authCalls.push({ kind, provider, options });
}

/** The sign-in and sign-out calls next-auth would have handled, in order. */
export function authCallsMade(): readonly { kind: "signIn" | "signOut"; provider: string; options: unknown }[] {
  return authCalls;
}
