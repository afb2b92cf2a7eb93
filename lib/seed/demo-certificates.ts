// The demo bank's certificates (lib/seed/demo-improvement.ts calls this): three active members who
// gave help each hold one, issued a few days before the seed's "now" through the same function
// the app issues with (writeCertificate), so their totals are the ledger's. Their codes come from
// the seed's generator, so one seed always gives the same bank.
import { newCertificateCode } from "../certificates/code";
import { hoursGivenInPeriod } from "../certificates/hours-given";
import { writeCertificate } from "../certificates/issue-certificate";
import { addDaysIso, clampToJoined, presetPeriod, type Period } from "../certificates/period";
import { DAY_MS } from "../clock";
import { isoDay } from "../format/date";
import { bankToday } from "../listings/rules";
import type { ImprovementSeedContext } from "./demo-improvement";

/** How many demo members hold a certificate. */
export const DEMO_CERTIFICATES = 3;
const PRESETS = ["last-financial-year", "last-12-months", "this-financial-year"] as const;

export async function seedDemoCertificates({ tx, rng, now }: ImprovementSeedContext): Promise<string> {
  // Active members (not the admin) whom the ledger credited for an exchange, in a fixed order.
  const helpers = await tx.$queryRaw<{ id: string; name: string; created_at: Date }[]>`
    SELECT m.id, m.name, m.created_at
      FROM members m
     WHERE m.status = 'active' AND m.role = 'member' AND m.name IS NOT NULL
       AND EXISTS (SELECT 1 FROM ledger_accounts a JOIN ledger_transfers t ON t.credit_account_id = a.id AND t.kind = 'exchange'
                    WHERE a.member_id = m.id)
     ORDER BY m.id`;
  const chosen = rng.sample(helpers, DEMO_CERTIFICATES);
  let issued = 0;
  for (const [i, member] of chosen.entries()) {
    // Issued a few days ago, for a period that ended the day before.
    const issuedAt = new Date(now.getTime() - rng.int(2, 20) * DAY_MS - rng.int(0, 6 * 60) * 60_000);
    const dayBefore = addDaysIso(isoDay(bankToday(issuedAt)), -1);
    const joined = isoDay(bankToday(member.created_at));
    const candidates = [PRESETS[i % PRESETS.length]!, ...PRESETS].map((p) => clampToJoined(presetPeriod(p, dayBefore), joined));
    let period: Period | null = null;
    for (const p of candidates) {
      if (p.from <= p.to && (await hoursGivenInPeriod(tx, member.id, p)).minutesGiven > 0) {
        period = p;
        break;
      }
    }
    if (!period) continue;
    await writeCertificate(tx, {
      memberId: member.id,
      memberName: member.name,
      period,
      issuedAt,
      newCode: () => newCertificateCode(Uint8Array.from({ length: 12 }, () => rng.int(0, 255))),
    });
    issued++;
  }
  return issued === 0 ? "" : `${issued} ${issued === 1 ? "certificate" : "certificates"} of hours given`;
}
