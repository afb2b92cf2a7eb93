// The authorisation matrix rows for methods (tests/security/matrix.ts explains the columns).
import { randomUUID } from "node:crypto";
import { form } from "./harness";
import { ADMIN_ONLY, action, type Entry } from "./matrix-kit";

export const METHODS_MATRIX: Entry[] = [
  action("app/methods/actions.ts", "saveMethodPageAction", {
    who: "an active admin",
    party: "any member",
    expect: ADMIN_ONLY,
    setup: async (world) => {
      const skill = await world.prisma.skill.create({
        data: { name: `Method ${randomUUID().slice(0, 8)}`, slug: `method-${randomUUID().slice(0, 8)}`, category: "Measurement", description: "A skill to write about." },
      });
      return form({
        skillId: skill.id,
        whatItIs: "A way of plotting data over time with its median.",
        whenToUse: "As soon as a project has about ten data points.",
        goodExchange: "A chart built together from the member's own data.",
      });
    },
  }),
];
