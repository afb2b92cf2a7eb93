// The authorisation matrix rows for excellence (tests/security/matrix.ts explains the columns).
import { exchangeAt, form, member, type World } from "./harness";
import { ACTIVE_PARTY_ONLY, action, key, other, type Entry } from "./matrix-kit";
import type { TestMember } from "../helpers/members";

const FILE = "app/excellence/actions.ts";

/** A report of excellence about `recipient`, written by someone else. */
async function reportAbout(world: World, recipient: TestMember): Promise<string> {
  const author = await member(world);
  const report = await world.prisma.excellenceReport.create({
    data: {
      authorId: author.id,
      recipientId: recipient.id,
      whatTheyDid: "Ran our discharge mapping session.",
      whyItMattered: "We found four hand-offs nobody owned.",
      themes: ["teamwork"],
    },
  });
  return report.id;
}

export const EXCELLENCE_MATRIX: Entry[] = [
  action(FILE, "writeReportAction", {
    who: "any active member, about another active member; tied to an exchange, only its parties, once confirmed",
    party: "the payer of a confirmed exchange, recognising the provider",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) => {
      const provider = await other(world);
      return form({
        recipientId: provider.id,
        exchangeId: await exchangeAt(world, "confirmed", provider, party),
        whatTheyDid: "Built an SPC chart of our falls data with me.",
        whyItMattered: "I can now show the board the change is real.",
        themes: ["measurement", "sharing_learning"],
        requestKey: key(),
      });
    },
  }),
  action(FILE, "setReportShownAction", {
    who: "the member the report is about (the recipient)",
    party: "the recipient of the report",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) => form({ reportId: await reportAbout(world, party), shown: "true" }),
  }),
];
