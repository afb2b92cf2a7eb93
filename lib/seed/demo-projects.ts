// The demo bank's improvement projects (lib/seed/demo-improvement.ts calls this): six projects of
// the kind NHS teams run, each owned by an active member who has asked for help, with two to four
// of that member's own requests attached, a backdated history through the method's steps (one
// goes back a step, one is finished in "sustain and spread"), PDSA cycles (all complete but one)
// and a few followers. The owners whose requests had confirmed exchanges are chosen first, so the
// project pages show help given and hours exchanged.
import type { ImprovementSeedContext } from "./demo-improvement";
import type { PdsaDecisionValue } from "../projects/schemas";
import type { ProjectStageValue } from "../projects/stages";

const DAY_MS = 24 * 60 * 60 * 1000;

interface DemoCycle {
  title: string;
  plan: string;
  prediction: string;
  happened: string;
  learned: string;
  decision: PdsaDecisionValue;
}

interface DemoProject {
  title: string;
  aim: string;
  measures: string;
  /** Where the work happens; "{org}" becomes the demo's acute trust (the hospital these projects run in). */
  setting: string;
  /** The steps it has been through, in order (a step may repeat after a step back). */
  path: ProjectStageValue[];
  /** How many days before the seed's "now" it moved to each step of `path`. */
  daysAgo: number[];
  /** Notes on the moves, by the index in `path` of the step moved to. */
  notes: Record<number, string>;
  finished: boolean;
  cycles: DemoCycle[];
  /** The last cycle is still running (no result recorded yet). */
  lastInProgress: boolean;
  /** Request tags this project would ask about: its owner is the member whose requests match most. */
  tags: string[];
}

export const DEMO_PROJECTS: DemoProject[] = [
  {
    title: "Antibiotics within the hour for sepsis on the AMU",
    aim: "By the end of June, 90% of adults with red-flag sepsis on the acute medical unit receive their first dose of antibiotics within 60 minutes of arrival (from 54% over the last six months).",
    measures:
      "Outcome: percentage of red-flag sepsis patients given antibiotics within 60 minutes, weekly, on a run chart. Process: sepsis screening completed at triage. Balancing: broad-spectrum antibiotic use and C. difficile cases.",
    setting: "Acute medical unit, {org}",
    path: ["identify", "understand", "aim", "test"],
    daysAgo: [150, 128, 104, 70],
    notes: {
      1: "Audited 40 sets of notes and shadowed two night shifts: the delay is between the decision to treat and finding the drugs and bottles.",
      2: "Aim agreed with the AMU consultants and the sepsis lead; baseline run chart shared at the ward meeting.",
      3: "Starting small tests of change in bay 1 on day shifts.",
    },
    finished: false,
    cycles: [
      {
        title: "Pre-packed sepsis grab bags in bay 1",
        plan: "Pharmacy makes up five grab bags (antibiotics, blood culture bottles, lactate syringe, fluids). Bay 1 nurses use them for one week of day shifts; the nurse in charge times each case.",
        prediction: "Median time from arrival to antibiotics falls from about 85 to under 60 minutes in bay 1.",
        happened: "Used for 11 of 13 red-flag patients. Median time 52 minutes; two cases waited for a doctor to prescribe.",
        learned: "Having everything in one bag removes the hunt for equipment. Prescribing is now the wait.",
        decision: "adopt",
      },
      {
        title: "Nurse-initiated antibiotics under a patient group direction",
        plan: "Two band 6 nurses trained on the new PGD give the first dose for red-flag patients when no doctor is free within 15 minutes, for two weeks.",
        prediction: "No case waits more than 15 minutes for a prescription; median time under 45 minutes.",
        happened: "Median 41 minutes across 19 patients. One patient had a penicillin allergy missed at handover; caught by the second check.",
        learned: "It works, but the allergy check has to be part of the bag's checklist, not left to memory.",
        decision: "adapt",
      },
      {
        title: "Allergy check printed on the grab bag's label",
        plan: "Add a tick-box allergy check to the bag's label and test it with the PGD nurses on all shifts for a fortnight.",
        prediction: "Every bag opened has the allergy box ticked, with no delay added.",
        happened: "",
        learned: "",
        decision: "adopt",
      },
    ],
    lastInProgress: true,
    tags: ["sepsis", "deterioration", "emergency department", "patient safety"],
  },
  {
    title: "Discharge before noon on the older people's wards",
    aim: "Half of discharges from wards 7 and 8 leave the ward before noon by the end of March, up from 18%, so that admissions from the emergency department are not held waiting for beds.",
    measures:
      "Outcome: percentage of discharges before noon, weekly. Process: discharge criteria written on the post-take round; take-home medicines ready the evening before. Balancing: readmissions within 7 days.",
    setting: "Wards 7 and 8 (older people's medicine), {org}",
    path: ["identify", "understand", "aim", "test", "aim", "test"],
    daysAgo: [140, 120, 98, 80, 45, 30],
    notes: {
      1: "Process-mapped a discharge day with the ward team, pharmacy and transport: 23 steps, 9 hand-offs.",
      2: "Aim set at 40% before noon.",
      3: "First tests on ward 7.",
      4: "The first two cycles showed medicines are the bottleneck: we went back to set a process measure for take-home medicines.",
      5: "Testing again with the new measure.",
    },
    finished: false,
    cycles: [
      {
        title: "Criteria-led discharge written on Monday's ward round",
        plan: "Consultants write clear discharge criteria for every patient expected home within 48 hours; nurses discharge when the criteria are met, for one week on ward 7.",
        prediction: "Three more discharges before noon that week.",
        happened: "Two more before noon; four patients met criteria early but waited for medicines until after 2 pm.",
        learned: "Criteria help, but take-home medicines decide the time a patient can leave.",
        decision: "adopt",
      },
      {
        title: "Take-home medicines ordered the evening before",
        plan: "The evening F1 orders take-home medicines for every patient with criteria met or expected by morning; pharmacy prioritises them at 8 am.",
        prediction: "80% of take-home medicines ready by 10 am.",
        happened: "71% ready by 10 am. Discharges before noon rose from 18% to 34% over two weeks.",
        learned: "Ordering early works; weekends need a different route because the F1 covers more wards.",
        decision: "adapt",
      },
    ],
    lastInProgress: false,
    tags: ["discharge", "flow", "system flow", "frailty"],
  },
  {
    title: "Fewer falls on an older people's ward",
    aim: "Reduce inpatient falls on ward 12 by a third within nine months, from a median of 9 a month, without restricting patients' mobility.",
    measures:
      "Outcome: falls per 1,000 occupied bed days on an SPC chart. Process: lying and standing blood pressure recorded within 24 hours; call bell in reach at intentional rounding. Balancing: patients mobilised each day.",
    setting: "Ward 12 (frailty), {org}",
    path: ["identify", "understand", "aim", "test", "sustain"],
    daysAgo: [300, 270, 240, 200, 90],
    notes: {
      1: "Reviewed 30 falls reports with the ward team: most happened at night, going to the toilet alone.",
      2: "Aim agreed with the ward manager and the falls lead.",
      3: "Testing bay-based changes with the night staff.",
      4: "Falls have stayed below the old median for four months: the changes are now in the ward's induction and standard work.",
    },
    finished: true,
    cycles: [
      {
        title: "Toileting offered at each night-time round",
        plan: "Night healthcare assistants offer toileting to every patient at risk at 10 pm, midnight and 2 am in bay 3 for two weeks.",
        prediction: "Night-time falls in bay 3 halve.",
        happened: "One fall in bay 3 in two weeks against a usual three to four. Patients said they liked being asked.",
        learned: "Asking is quicker than answering a bell; it needs to be on the round's checklist.",
        decision: "adopt",
      },
      {
        title: "Lying and standing blood pressure on admission",
        plan: "Add lying and standing blood pressure to the admission checklist for everyone over 65 on ward 12 for a month.",
        prediction: "At least 80% recorded within 24 hours; postural drops found and acted on.",
        happened: "Recorded for 76%; 9 patients had a postural drop and medicines were reviewed for 7 of them.",
        learned: "Worth doing; the checklist prompt works better than a poster.",
        decision: "adopt",
      },
      {
        title: "Bed and chair sensor alarms for every patient at risk",
        plan: "Borrow 10 sensor pads and use them for all patients at high risk for two weeks.",
        prediction: "Staff reach patients before they stand; fewer falls.",
        happened: "Alarms sounded so often that staff could not answer them all; two patients found them distressing.",
        learned: "Blanket alarms do not work here; keep them for a few patients chosen at the safety huddle.",
        decision: "abandon",
      },
      {
        title: "Falls safety huddle at every handover",
        plan: "Two-minute huddle at each handover naming patients at highest risk and who is watching them, for a month.",
        prediction: "Fewer falls and staff more confident about who is at risk.",
        happened: "Falls fell to 5 a month; staff survey confidence rose from 3.1 to 4.2 out of 5.",
        learned: "The huddle joins the other changes up; it is now standard work on the ward.",
        decision: "adopt",
      },
    ],
    lastInProgress: false,
    tags: ["falls", "frailty", "care homes", "pressure ulcers"],
  },
  {
    title: "First theatre case starting on time",
    aim: "80% of elective orthopaedic lists start their first case knife-to-skin by 9:00 by the end of the year (from 35%), without cancelling patients.",
    measures:
      "Outcome: percentage of first cases started by 9:00, per list. Process: patients consented and marked before 8:15; team brief started at 8:00. Balancing: same-day cancellations.",
    setting: "Main theatres (orthopaedics), {org}",
    path: ["identify", "understand", "aim"],
    daysAgo: [60, 42, 18],
    notes: {
      1: "Watched ten first-case starts with a stopwatch and a process map: the patient arrives in the anaesthetic room at 8:40 on average.",
      2: "Aim and measures agreed at the theatre user group; baseline data from the theatre system.",
    },
    finished: false,
    cycles: [],
    lastInProgress: false,
    tags: ["waiting lists", "flow", "access", "board reporting"],
  },
  {
    title: "Fewer missed outpatient appointments in diabetes clinics",
    aim: "Reduce missed appointments (did not attend) in the diabetes outpatient clinics from 14% to 8% within six months, especially for younger adults.",
    measures:
      "Outcome: did-not-attend rate per clinic, monthly. Process: text reminders sent 7 and 2 days before. Balancing: appointments cancelled by patients at short notice.",
    setting: "Diabetes outpatient clinics, {org}",
    path: ["identify", "understand"],
    daysAgo: [35, 12],
    notes: {
      1: "Talking to patients who missed appointments and looking at the clinic data by age and postcode.",
    },
    finished: false,
    cycles: [],
    lastInProgress: false,
    tags: ["outpatients", "access"],
  },
  {
    title: "Medicines reconciliation within 24 hours of admission",
    aim: "95% of patients admitted to the medical wards have their medicines reconciled by a pharmacist or technician within 24 hours, by the end of the year (from 61%).",
    measures:
      "Outcome: percentage reconciled within 24 hours, weekly. Process: admissions with a GP record summary available. Balancing: pharmacist time on the wards.",
    setting: "Medical admissions and wards, {org}",
    path: ["identify", "understand", "aim", "test"],
    daysAgo: [110, 92, 75, 48],
    notes: {
      1: "Mapped the route from admission to reconciliation: weekend admissions wait longest.",
      2: "Aim agreed with the chief pharmacist.",
      3: "Testing with the pharmacy technicians.",
    },
    finished: false,
    cycles: [
      {
        title: "Technicians start reconciliation from the summary care record",
        plan: "Two pharmacy technicians reconcile from the summary care record for new admissions on the medical admissions unit, weekdays for two weeks.",
        prediction: "Reconciliation within 24 hours rises above 75%.",
        happened: "81% within 24 hours on weekdays; weekends unchanged at 48%.",
        learned: "Technicians can do most of the work; pharmacists check the complex cases.",
        decision: "adopt",
      },
      {
        title: "A Saturday technician shift on the admissions unit",
        plan: "Fund one Saturday technician shift for four weeks from the winter budget.",
        prediction: "Weekend reconciliation within 24 hours rises to 70%.",
        happened: "Weekend rate rose to 66%; Sunday admissions still wait until Monday.",
        learned: "Saturday helps; Sunday needs a different answer, perhaps a remote check.",
        decision: "adapt",
      },
    ],
    lastInProgress: false,
    tags: ["medicines", "deprescribing", "care homes", "digital"],
  },
];

interface RequestRow {
  id: string;
  owner_id: string;
  created_at: Date;
  tags: string[];
  confirmed: number;
}

export async function seedDemoProjects({ tx, rng, now }: ImprovementSeedContext): Promise<string> {
  const requests = await tx.$queryRaw<RequestRow[]>`
    SELECT l.id, l.owner_id, l.created_at, l.tags,
           (SELECT count(*)::int FROM exchanges e WHERE e.listing_id = l.id AND e.state = 'confirmed' AND e.transfer_id IS NOT NULL) AS confirmed
      FROM listings l JOIN members m ON m.id = l.owner_id
     WHERE l.kind = 'request' AND m.status = 'active' AND m.role = 'member'
     ORDER BY l.owner_id, l.created_at, l.id`;
  const byOwner = new Map<string, RequestRow[]>();
  for (const r of requests) byOwner.set(r.owner_id, [...(byOwner.get(r.owner_id) ?? []), r]);
  const candidates = [...byOwner.entries()].filter(([, rows]) => rows.length >= 2);
  const matches = (r: RequestRow, content: DemoProject) => r.tags.some((t) => content.tags.includes(t));
  const helped = (rows: RequestRow[]) => rows.reduce((sum, r) => sum + r.confirmed, 0);
  // Each project goes to a member (with at least two requests) whose requests fit it: the pairs
  // with the most fitting requests first, then the members whose requests had the most confirmed
  // help; projects nothing fits go to the most helped members left.
  const fitting = (rows: RequestRow[], content: DemoProject) => rows.filter((r) => matches(r, content)).length;
  const pairs = DEMO_PROJECTS.flatMap((content, c) => candidates.map(([id, rows]) => ({ c, id, rows, fit: fitting(rows, content), helped: helped(rows) })))
    .filter((pair) => pair.fit > 0)
    .sort((a, b) => b.fit - a.fit || b.helped - a.helped || a.c - b.c || (a.id < b.id ? -1 : 1));
  const chosen = new Map<number, [string, RequestRow[]]>();
  const taken = new Set<string>();
  for (const pair of pairs) {
    if (chosen.has(pair.c) || taken.has(pair.id)) continue;
    chosen.set(pair.c, [pair.id, pair.rows]);
    taken.add(pair.id);
  }
  const byHelp = candidates.sort(([a, ra], [b, rb]) => helped(rb) - helped(ra) || (a < b ? -1 : 1));
  for (const c of DEMO_PROJECTS.keys()) {
    if (chosen.has(c)) continue;
    const next = byHelp.find(([id]) => !taken.has(id));
    if (!next) break;
    chosen.set(c, next);
    taken.add(next[0]);
  }
  const owners: [DemoProject, string, RequestRow[]][] = [...chosen.entries()].sort(([a], [b]) => a - b).map(([c, [id, rows]]) => [DEMO_PROJECTS[c]!, id, rows]);
  if (owners.length === 0) return "";
  // The demo must show hours exchanged: if no owner chosen was helped, the most helped takes the last project.
  if (!owners.some(([, , rows]) => helped(rows) > 0)) {
    const most = candidates.filter(([id]) => !owners.some(([, o]) => o === id)).sort(([a, ra], [b, rb]) => helped(rb) - helped(ra) || (a < b ? -1 : 1))[0];
    if (most && helped(most[1]) > 0) owners[owners.length - 1] = [owners[owners.length - 1]![0], most[0], most[1]];
  }

  const members = await tx.$queryRaw<{ id: string; created_at: Date; organisation: string | null }[]>`
    SELECT m.id, m.created_at, o.name AS organisation
      FROM members m LEFT JOIN organisations o ON o.id = m.organisation_id
     WHERE m.status = 'active' ORDER BY m.id`;
  const memberById = new Map(members.map((m) => [m.id, m]));
  const [hospital] = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM organisations WHERE kind = 'Acute trust' ORDER BY name LIMIT 1`;

  let cycleCount = 0;
  for (const [content, ownerId, rows] of owners) {
    const owner = memberById.get(ownerId)!;
    // The requests it asked for: those that fit it first, then those that were helped, then the oldest.
    const fit = (r: RequestRow) => (matches(r, content) ? 1 : 0);
    const attached = [...rows]
      .sort((a, b) => fit(b) - fit(a) || b.confirmed - a.confirmed || a.created_at.getTime() - b.created_at.getTime())
      .slice(0, rng.int(2, 4));
    // Its history, backdated as the content says (a few hours either way), and never before its
    // owner joined: a history that would start earlier is moved later, keeping its order.
    const joined = owner.created_at.getTime() + DAY_MS;
    const shift = Math.max(0, joined - (now.getTime() - content.daysAgo[0]! * DAY_MS));
    const stepAt = content.daysAgo.map((days) => new Date(Math.min(now.getTime() - DAY_MS, now.getTime() - days * DAY_MS + shift) - rng.int(0, 8) * 60 * 60 * 1000));
    const startedAt = stepAt[0]!;
    const stage = content.path[content.path.length - 1]!;
    const finishedAt = content.finished ? new Date(Math.min(now.getTime() - DAY_MS, stepAt[stepAt.length - 1]!.getTime() + rng.int(3, 8) * DAY_MS)) : null;

    const project = await tx.project.create({
      data: {
        ownerId,
        title: content.title,
        aim: content.aim,
        measures: content.measures,
        setting: content.setting.replace("{org}", hospital?.name ?? owner.organisation ?? "our hospital"),
        stage,
        finishedAt,
        createdAt: startedAt,
        updatedAt: finishedAt ?? stepAt[stepAt.length - 1]!,
      },
      select: { id: true },
    });
    await tx.projectStageChange.createMany({
      data: content.path.map((to, k) => ({
        projectId: project.id,
        fromStage: k === 0 ? null : content.path[k - 1]!,
        toStage: to,
        note: content.notes[k] ?? null,
        changedById: ownerId,
        createdAt: stepAt[k]!,
      })),
    });

    // Cycles run while the project is first testing changes: from its move into "test" to its next move.
    if (content.cycles.length > 0) {
      const testIndex = content.path.indexOf("test");
      const from = stepAt[testIndex]!.getTime();
      const until = (stepAt[testIndex + 1] ?? finishedAt ?? now).getTime() - DAY_MS;
      const gap = Math.max(DAY_MS, Math.floor((until - from) / content.cycles.length));
      await tx.pdsaCycle.createMany({
        data: content.cycles.map((c, k) => {
          const createdAt = new Date(from + k * gap + rng.int(1, 12) * 60 * 60 * 1000);
          const running = content.lastInProgress && k === content.cycles.length - 1;
          const completedAt = running ? null : new Date(Math.max(createdAt.getTime(), Math.min(createdAt.getTime() + Math.floor(gap * 0.8), until)));
          return {
            projectId: project.id,
            number: k + 1,
            title: c.title,
            plan: c.plan,
            prediction: c.prediction,
            happened: running ? null : c.happened,
            learned: running ? null : c.learned,
            decision: running ? null : c.decision,
            authorId: ownerId,
            createdAt,
            updatedAt: completedAt ?? createdAt,
            completedAt,
          };
        }),
      });
      cycleCount += content.cycles.length;
    }

    await tx.listing.updateMany({ where: { id: { in: attached.map((r) => r.id) }, kind: "request" }, data: { projectId: project.id } });

    const followers = rng.sample(
      members.filter((m) => m.id !== ownerId),
      rng.int(2, 5),
    );
    await tx.projectFollower.createMany({
      data: followers.map((f) => ({
        projectId: project.id,
        memberId: f.id,
        createdAt: new Date(Math.min(now.getTime(), Math.max(startedAt.getTime(), f.created_at.getTime()) + rng.int(1, 30) * DAY_MS)),
      })),
    });
  }
  return `${owners.length} projects with ${cycleCount} PDSA cycles`;
}
