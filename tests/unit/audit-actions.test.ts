// Every action the app writes to the audit log must be listed in AUDIT_ACTIONS (the audit page's
// words and filters come from there), and the request context must read headers safely.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, describeAuditAction } from "../../lib/audit/actions";
import { contextFromHeaders } from "../../lib/audit/context";
import { csvCell, csvLine } from "../../lib/csv";
import { shortUserAgent, summariseDetails } from "../../lib/audit/queries";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SKIP = new Set(["node_modules", "generated", ".next"]);

function sourceFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (SKIP.has(d.name)) return [];
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full, pattern);
    return pattern.test(d.name) ? [full] : [];
  });
}

// `action: "member.suspend"` in an entry, or a parameter typed `action: "auth.sign_in" | "auth.sign_out"`.
const ACTION_PROPERTY = /\baction\??\s*:\s*((?:["'`][a-z_]+\.[a-z_]+["'`]\s*\|?\s*)+)/g;
const QUOTED = /["'`]([a-z_]+\.[a-z_]+)["'`]/g;
const WRITES_AUDIT = /\b(writeAudit|recordRefusal)\b/;

/** The audit actions a source file writes: only files that call the audit writers are read. */
function auditActionsIn(source: string): string[] {
  if (!WRITES_AUDIT.test(source)) return [];
  const found: string[] = [];
  for (const m of source.matchAll(ACTION_PROPERTY)) for (const q of m[1]!.matchAll(QUOTED)) found.push(q[1]!);
  return found;
}

describe("AUDIT_ACTIONS", () => {
  const files = [...sourceFiles(path.join(ROOT, "lib"), /\.ts$/), ...sourceFiles(path.join(ROOT, "app"), /\.tsx?$/)];
  const written = files.flatMap((file) => auditActionsIn(readFileSync(file, "utf8")).map((action) => ({ action, file: path.relative(ROOT, file) })));

  it("finds the actions the app writes (the scan itself works)", () => {
    const actions = new Set(written.map((w) => w.action));
    for (const known of ["auth.refused", "auth.sign_in", "auth.sign_out", "member.approve", "member.close", "rate_limit.hit"]) expect(actions).toContain(known);
  });

  it("lists every action written to the audit log in lib/ and app/", () => {
    const missing = written.filter((w) => !(w.action in AUDIT_ACTIONS));
    expect(missing, "add these to lib/audit/actions.ts").toEqual([]);
  });

  it("reports an action that is not listed", () => {
    const source = `import { writeAudit } from "../audit/write";\nawait writeAudit(tx, { actorId, action: "member.teleport", targetType: "member" });`;
    expect(auditActionsIn(source).filter((a) => !(a in AUDIT_ACTIONS))).toEqual(["member.teleport"]);
    expect(auditActionsIn(`async function f(action: "auth.sign_in" | "auth.nap") { await writeAudit(db, { action }); }`)).toEqual(["auth.sign_in", "auth.nap"]);
    expect(auditActionsIn(`const x = { action: "member.approve" };`), "files that never write audit rows are not read").toEqual([]);
  });

  it("names each action as dotted lower case words with a label", () => {
    for (const [action, label] of Object.entries(AUDIT_ACTIONS)) {
      expect(action).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(label.length).toBeGreaterThan(3);
      expect(describeAuditAction(action)).toBe(label);
    }
    expect(describeAuditAction("something.unknown")).toBe("something.unknown");
  });
});

describe("contextFromHeaders", () => {
  it("reads X-Forwarded-For from the right: what the trusted proxy saw, not what the client wrote", () => {
    // The client sent "203.0.113.7" itself; the one load balancer appended the address it saw.
    const c = contextFromHeaders(new Headers({ "x-forwarded-for": " 203.0.113.7 , 198.51.100.20", "user-agent": "Firefox" }));
    expect(c).toMatchObject({ ip: "198.51.100.20", userAgent: "Firefox" });
    const before = process.env.TIMEBANK_TRUSTED_PROXIES;
    try {
      // Two proxies: the client's address is second from the right.
      process.env.TIMEBANK_TRUSTED_PROXIES = "2";
      expect(contextFromHeaders(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.20, 10.0.0.2" })).ip).toBe("198.51.100.20");
      expect(contextFromHeaders(new Headers({ "x-forwarded-for": "198.51.100.20" })).ip).toBe("198.51.100.20");
      process.env.TIMEBANK_TRUSTED_PROXIES = "nonsense";
      expect(contextFromHeaders(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.20" })).ip).toBe("198.51.100.20");
    } finally {
      if (before === undefined) delete process.env.TIMEBANK_TRUSTED_PROXIES;
      else process.env.TIMEBANK_TRUSTED_PROXIES = before;
    }
  });

  it("strips the IPv4-mapped IPv6 prefix", () => {
    expect(contextFromHeaders(new Headers({ "x-forwarded-for": "::ffff:192.0.2.44" })).ip).toBe("192.0.2.44");
    expect(contextFromHeaders(new Headers({ "x-forwarded-for": "2001:db8::1" })).ip).toBe("2001:db8::1");
  });

  it("falls back to X-Real-IP, and to nothing", () => {
    expect(contextFromHeaders(new Headers({ "x-real-ip": "198.51.100.3" })).ip).toBe("198.51.100.3");
    expect(contextFromHeaders(new Headers())).toEqual({ ip: null, userAgent: null, path: null });
  });

  it("cuts a long user agent and a long address", () => {
    const c = contextFromHeaders(new Headers({ "user-agent": "A".repeat(5000), "x-forwarded-for": "1".repeat(200) }));
    expect(c.userAgent).toHaveLength(300);
    expect(c.ip).toHaveLength(64);
  });

  it("keeps the referer's path only, and ignores a referer that is not a URL", () => {
    expect(contextFromHeaders(new Headers({ referer: "https://bank.example/admin/audit?actor=x#top" })).path).toBe("/admin/audit");
    expect(contextFromHeaders(new Headers({ referer: "not a url at all" })).path).toBeNull();
  });
});

describe("audit words", () => {
  it("summarises details as readable text", () => {
    expect(summariseDetails({ reason: "Left the trust" })).toBe("reason: Left the trust");
    expect(summariseDetails({ joiningMode: { from: "approval", to: "open" } })).toBe("joining mode: from approval to open");
    expect(summariseDetails({ fromMinutes: -600, toMinutes: -300, reason: "Asked for it" })).toBe("from −10 h to −5 h; reason: Asked for it");
    expect(summariseDetails({ welcomeMinutes: 90, created: true })).toBe("welcome: 1 h 30 min; created: yes");
    expect(summariseDetails({ from: "active" })).toBe("from active");
    expect(summariseDetails({ filters: { action: "ledger.", from: "2027-01-01" } })).toBe("filters: (action: ledger., from 2027-01-01)");
    expect(summariseDetails(null)).toBe("");
    expect(summariseDetails({ reason: "x".repeat(1000) }).length).toBeLessThanOrEqual(400);
  });

  it("shortens user agents to browser and system", () => {
    const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
    const edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86";
    const safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    expect(shortUserAgent(firefox)).toBe("Firefox 128 on Windows");
    expect(shortUserAgent(edge)).toBe("Edge 131 on Windows");
    expect(shortUserAgent(safari)).toBe("Safari 17 on iOS");
    expect(shortUserAgent("SomeBot/" + "x".repeat(100))).toHaveLength(40);
    expect(shortUserAgent(null)).toBeNull();
  });

  it("writes CSV cells by RFC 4180 and neutralises formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    for (const start of ["+", "-", "@"]) expect(csvCell(`${start}1`)).toBe(`'${start}1`);
    expect(csvCell(null)).toBe("");
    expect(csvLine(["a", null, "b,c"])).toBe('a,,"b,c"\r\n');
  });
});
