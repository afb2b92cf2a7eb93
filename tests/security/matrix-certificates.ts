// The authorisation matrix rows for certificates (tests/security/matrix.ts explains the columns).
import { issueCertificate } from "../../lib/certificates/issue-certificate";
import { isoDay } from "../../lib/format/date";
import { bankToday } from "../../lib/listings/rules";
import type { TestMember } from "../helpers/members";
import { exchangeAt, form, type World } from "./harness";
import { A, ACTIVE_PARTY_ONLY, BASE, R, action, other, route, row, type Entry } from "./matrix-kit";

/** The party gives an hour of help today (a confirmed exchange): the period to certify is today. */
async function hoursGivenToday(world: World, party: TestMember): Promise<{ from: string; to: string }> {
  await exchangeAt(world, "confirmed", party, await other(world));
  const today = isoDay(bankToday());
  return { from: today, to: today };
}

export const CERTIFICATES_MATRIX: Entry[] = [
  action("app/certificates/actions.ts", "issueCertificateAction", {
    who: "any active member, for themselves, for a period in which they gave hours",
    party: "the member who gave the hours",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) => form(await hoursGivenToday(world, party)),
  }),
  route("GET", "app/certificates/[id]/pdf/route.ts", {
    who: "the certificate's own member, signed in (pending or suspended members keep their certificates)",
    party: "the member the certificate is for",
    expect: row([R, A, A, A, R, R]),
    http: true,
    setup: async (world, party) => {
      const { id } = await issueCertificate(party.id, await hoursGivenToday(world, party), world.prisma);
      return { url: `${BASE}/certificates/${id}/pdf`, params: { id } };
    },
  }),
];
