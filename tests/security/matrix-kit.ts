// The builders of the authorisation matrix (tests/security/matrix.ts): the caller columns, the
// usual rows, and action() / route() entries. Each area of the app may keep its rows in its own
// file (tests/security/matrix-<area>.ts), which matrix.ts spreads into MATRIX.
import { randomUUID } from "node:crypto";
import type { TestMember } from "../helpers/members";
import { member, type ActionFn, type CallerKind, type RouteFn, type World } from "./harness";

/** allowed: succeeds. refused: refused, nothing changed. noop: answered, but nothing changed (the caller has nothing of theirs there). */
export type Expect = "allowed" | "refused" | "noop";

export const A = "allowed" as const;
export const R = "refused" as const;
export const N = "noop" as const;
export type Row = [Expect, Expect, Expect, Expect, Expect, Expect] | [Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect];
/**
 * Six cells (anonymous .. admin), or eight with the two hub coordinators. With six, a coordinator
 * (an active member with powers only in their hub) is expected to fare as the active non-party.
 */
export const row = (cells: Row): Record<CallerKind, Expect> => ({
  anonymous: cells[0],
  pending: cells[1],
  suspended: cells[2],
  party: cells[3],
  nonParty: cells[4],
  admin: cells[5],
  hubCoordinator: cells[6] ?? cells[4],
  otherCoordinator: cells[7] ?? cells[4],
});


export const ACTIVE_PARTY_ONLY = row([R, R, R, A, R, R]);
export const ANY_ACTIVE = row([R, R, R, A, A, A]);
export const ANY_SIGNED_IN = row([R, A, A, A, A, A]);
/** A suspended member keeps their data, settings and sign-out, but cannot change what others see of them. */
export const SIGNED_IN_NOT_SUSPENDED = row([R, A, R, A, A, A]);
export const ADMIN_ONLY = row([R, R, R, R, R, A]);
export const ANYONE = row([A, A, A, A, A, A]);

export interface ActionEntry {
  kind: "action";
  /** "app/exchanges/actions.ts#acceptExchangeAction" */
  id: string;
  /** Who may, in words. */
  who: string;
  /** What "party" means for this action. */
  party: string;
  expect: Record<CallerKind, Expect>;
  /** Sampled over HTTP with the Next-Action header (tests/e2e/security-http.spec.ts). */
  http?: boolean;
  load: () => Promise<ActionFn>;
  /** Builds what the call acts on, around `party` (an active member), and returns the form. */
  setup: (world: World, party: TestMember) => Promise<FormData>;
}

export interface RouteEntry {
  kind: "route";
  /** "GET /api/my-data" (the file's path, with its [segments]) */
  id: string;
  who: string;
  party: string;
  expect: Record<CallerKind, Expect>;
  http?: boolean;
  load: () => Promise<RouteFn>;
  setup: (world: World, party: TestMember) => Promise<{ url: string; params?: Record<string, string>; init?: RequestInit }>;
}

/** A route that only next-auth handles, tested over HTTP only (the sign-in link race, refused POSTs). */
export interface HttpOnlyEntry {
  kind: "http-only";
  id: string;
  who: string;
  party: string;
  expect: Record<CallerKind, Expect>;
  why: string;
}

export type Entry = ActionEntry | RouteEntry | HttpOnlyEntry;

export const BASE = "http://localhost:3000";
export const key = () => randomUUID();

export async function other(world: World) {
  return member(world);
}

export function action(
  file: string,
  name: string,
  fields: Omit<ActionEntry, "kind" | "id" | "load">,
): ActionEntry {
  return {
    kind: "action",
    id: `${file}#${name}`,
    load: async () => (await import(`../../${file}`))[name] as ActionFn,
    ...fields,
  };
}

export function route(method: string, file: string, fields: Omit<RouteEntry, "kind" | "id" | "load">): RouteEntry {
  const path = file.replace(/^app/, "").replace(/\/route\.ts$/, "") || "/";
  return {
    kind: "route",
    id: `${method} ${path}`,
    load: async () => (await import(`../../${file}`))[method] as RouteFn,
    ...fields,
  };
}

