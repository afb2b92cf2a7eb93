// The demo bank's hubs (issue 8): two regional partnerships of its organisations, each with two
// coordinators from among its active members; two organisations stay outside any hub, as in a real
// bank where not every organisation has joined a partnership.
import type { Prisma } from "../db/client";

export const DEMO_HUBS = [
  {
    name: "North of England QI Partnership",
    description: "Acute and mental health trusts across the North West and Yorkshire, sharing improvement skills on patient flow and safety.",
    organisations: ["Mersey Vale Hospitals NHS Foundation Trust", "Pennine Minds NHS Foundation Trust"],
  },
  {
    name: "Midlands and East Improvement Hub",
    description: "Primary care, ambulance, care home and hospice teams in the Midlands and the East of England working on care closer to home.",
    organisations: ["Riverside Primary Care Network", "Mercia Ambulance Service NHS Trust", "Oakwood Care Homes", "St Brigid's Hospice"],
  },
] as const;

/** Coordinators per hub. */
const COORDINATORS_PER_HUB = 2;

export async function seedDemoHubs(tx: Prisma.TransactionClient): Promise<string> {
  let coordinators = 0;
  for (const spec of DEMO_HUBS) {
    const hub = await tx.hub.create({ data: { name: spec.name, description: spec.description }, select: { id: true } });
    const orgs = await tx.organisation.findMany({ where: { name: { in: [...spec.organisations] } }, select: { id: true } });
    if (orgs.length !== spec.organisations.length) throw new Error(`demo seed: the organisations of ${spec.name} are not all in the demo bank`);
    await tx.organisation.updateMany({ where: { id: { in: orgs.map((o) => o.id) } }, data: { hubId: hub.id } });
    const chosen = await tx.user.findMany({
      where: { status: "active", role: "member", organisationId: { in: orgs.map((o) => o.id) } },
      select: { id: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: COORDINATORS_PER_HUB,
    });
    await tx.hubCoordinator.createMany({ data: chosen.map((m) => ({ hubId: hub.id, memberId: m.id })) });
    coordinators += chosen.length;
  }
  return `${DEMO_HUBS.length} hubs with ${coordinators} coordinators`;
}
