// The demo bank's reports of excellence (lib/seed/demo-improvement.ts calls this): about twenty,
// most tied to a confirmed exchange and written by one of its parties about the other, a few
// between colleagues without an exchange; about half shown on their recipient's profile. The words
// suit the skill of the exchange's listing (by its category); {name} is the recipient's first name.
import type { ExcellenceThemeValue } from "../excellence/themes";
import { firstName } from "../format/names";
import type { ImprovementSeedContext } from "./demo-improvement";

interface ReportText {
  what: string;
  why: string;
  themes: ExcellenceThemeValue[];
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Reports tied to confirmed exchanges, and reports between colleagues without one. */
const TIED_REPORTS = 16;
const UNTIED_REPORTS = 4;

const BY_CATEGORY: Record<string, ReportText[]> = {
  "Understanding the system": [
    {
      what: "{name} ran our discharge mapping session with two wards, the pharmacy and the transport team. They kept everyone focused on what actually happens at each step, and gently stopped us jumping to solutions before the map was finished.",
      why: "For the first time the pharmacy and ward staff saw the same picture. We found four hand-offs nobody owned, and we are now testing a change to the first of them.",
      themes: ["teamwork", "sharing_learning"],
    },
    {
      what: "{name} helped us get beneath the repeated delays in our morning medicines round using a fishbone diagram and the five whys, and insisted we talk about the design of the round rather than about who was slow.",
      why: "The conversation moved from blame to the system. Night staff told us afterwards it was the first review where they felt listened to.",
      themes: ["safety", "kindness"],
    },
    {
      what: "{name} took our clinic's demand and capacity data, which had sat in three spreadsheets for a year, and turned it into four simple charts we could all understand.",
      why: "We stopped arguing about whether we needed another clinic and saw that the problem was when our capacity sat in the week. It changed the business case completely.",
      themes: ["measurement", "creativity"],
    },
    {
      what: "{name} walked the whole referral pathway with us, on foot and through the records, and timed every step and every wait.",
      why: "It showed us that our patients spent nine days in every ten waiting for something. Seeing it from the patient's side made the case for change better than any report could.",
      themes: ["patient_focus", "measurement"],
    },
  ],
  Measurement: [
    {
      what: "{name} sat with me for an hour and built an SPC chart from my falls data, explaining each step and letting me do the clicking.",
      why: "I can now update and read the chart myself, and at our last governance meeting I could show that the drop in falls was real and not just a good month.",
      themes: ["measurement", "sharing_learning"],
    },
    {
      what: "{name} rebuilt our audit spreadsheet so the run chart updates itself each week, and wrote us a one-page guide on how it works.",
      why: "It saves our team two hours every week and the data is now shared at every huddle. The guide means it will not fall apart when people move on.",
      themes: ["creativity", "teamwork"],
    },
    {
      what: "{name} challenged every one of our measures until each had a definition two people would count the same way, and suggested a balancing measure we had not thought of.",
      why: "Our baseline is finally trustworthy, and the balancing measure has already shown us an effect on the next ward that we would otherwise have missed.",
      themes: ["measurement", "safety"],
    },
    {
      what: "{name} cut our twenty-question patient survey to six plain questions and tested it with three patients before we sent it out.",
      why: "Our response rate went from under one in ten to almost half, and the answers now tell us what to change. Patients said it was the first survey that felt worth filling in.",
      themes: ["patient_focus", "creativity"],
    },
  ],
  "Testing change": [
    {
      what: "{name} coached our team through our first PDSA cycles on the sepsis screening tool, always asking what we predicted before we tested anything.",
      why: "We learned to test on one shift before changing the whole ward. The third cycle worked, and we avoided rolling out a version that would have failed.",
      themes: ["leadership", "sharing_learning"],
    },
    {
      what: "{name} took my vague worry about clinic letters and helped me turn it into a one-page charter with a clear aim and a sponsor.",
      why: "As a trainee with six months in post, I could not have finished the project otherwise. It is now a project I can actually complete and write up.",
      themes: ["leadership", "kindness"],
    },
    {
      what: "{name} took our team through the three questions of the Model for Improvement and would not let us leave without an aim that said how much and by when.",
      why: "The whole team agreed what we were trying to achieve for the first time. Our first test of change started the following Monday.",
      themes: ["teamwork", "leadership"],
    },
    {
      what: "{name} helped us plan a test of a new handover sheet on a single night shift, and came back a week later to study the results with us.",
      why: "The small test showed us a problem with the layout that would have caused confusion across the whole hospital. Fixing it early kept patients safer.",
      themes: ["safety", "patient_focus"],
    },
  ],
  "People and teams": [
    {
      what: "{name} facilitated our co-design event with patients and staff, making sure the quietest voices in the room were heard first.",
      why: "Patients told us the event was the first time they felt like equal partners. Two of them have joined the project group since.",
      themes: ["patient_focus", "kindness"],
    },
    {
      what: "{name} helped us plan how to involve carers from the start, including how to pay them for their time and make the meetings accessible.",
      why: "Carers now sit on our steering group, and their first suggestion has changed how we phone families after discharge.",
      themes: ["patient_focus", "leadership"],
    },
    {
      what: "{name} coached me every fortnight through a project that had stalled, asking questions rather than giving me answers.",
      why: "I found my own way past the obstacle, and I now coach two junior colleagues the same way. The project is moving again.",
      themes: ["leadership", "kindness", "sharing_learning"],
    },
    {
      what: "{name} ran a workshop for our multidisciplinary team that turned a tense disagreement about the new pathway into three agreed actions.",
      why: "People left the room talking to each other again, and all three actions have been done. The new pathway started on time.",
      themes: ["teamwork", "creativity"],
    },
  ],
  "Sharing and sustaining": [
    {
      what: "{name} read my draft abstract against the SQUIRE headings and showed me what was missing, especially the context and how we studied our changes.",
      why: "The abstract was accepted for a poster at the regional conference, and other teams have since asked us how we did it.",
      themes: ["sharing_learning", "leadership"],
    },
    {
      what: "{name} helped us tell the story of our project in five slides, with run charts instead of before-and-after tables.",
      why: "The board understood it straight away and agreed to fund the spread to two more wards.",
      themes: ["sharing_learning", "measurement"],
    },
    {
      what: "{name} worked through the sustainability model with our team and helped us find who would own each measure once the project ended.",
      why: "Six months after the project team moved on, the change is still in place and the data is still collected every week.",
      themes: ["leadership", "teamwork"],
    },
    {
      what: "{name} shared the templates and lessons from their own project so that our team did not have to start from nothing.",
      why: "We saved weeks of work, avoided two of the mistakes they had made, and started testing changes a month earlier than planned.",
      themes: ["sharing_learning", "kindness"],
    },
  ],
};

/** A helper recognising the member they helped. */
const FOR_THE_HELPED: ReportText[] = [
  {
    what: "{name} came to our session with a year of data already cleaned, a clear question, and two colleagues from the night shift so that every shift's view was in the room.",
    why: "Because of that preparation we got through in one hour what usually takes three, and the team left with a plan they all owned.",
    themes: ["teamwork", "measurement"],
  },
  {
    what: "After our session {name} went straight back to the ward, tested the first change the next morning, and sent me the results and what they had learned.",
    why: "It is the quickest I have seen anyone go from an idea to a test, and it reminded me why small tests matter. I now use their example when I teach.",
    themes: ["leadership", "sharing_learning"],
  },
  {
    what: "{name} brought two patient partners into our planning session and made sure their questions shaped the whole discussion.",
    why: "The project changed direction for the better, towards what patients said mattered most to them.",
    themes: ["patient_focus", "teamwork"],
  },
];

const ALL_TEXTS = Object.values(BY_CATEGORY).flat();

const fill = (text: string, name: string) => text.replaceAll("{name}", name);

export async function seedDemoExcellence({ tx, rng, now }: ImprovementSeedContext): Promise<string> {
  // Confirmed exchanges between two active members, in a fixed order.
  const exchanges = await tx.$queryRaw<{ id: string; provider_id: string; payer_id: string; confirmed_at: Date; category: string | null; provider_name: string | null; payer_name: string | null }[]>`
    SELECT e.id, e.provider_id, e.payer_id, e.confirmed_at, s.category, p.name AS provider_name, q.name AS payer_name
      FROM exchanges e
      JOIN members p ON p.id = e.provider_id AND p.status = 'active'
      JOIN members q ON q.id = e.payer_id AND q.status = 'active'
      LEFT JOIN listings l ON l.id = e.listing_id
      LEFT JOIN skills s ON s.id = l.skill_id
     WHERE e.state = 'confirmed' AND e.confirmed_at IS NOT NULL
     ORDER BY e.confirmed_at, e.id`;
  const members = await tx.$queryRaw<{ id: string; name: string | null }[]>`
    SELECT id, name FROM members WHERE status = 'active' AND role = 'member' AND profile_done_at IS NOT NULL ORDER BY created_at, id`;
  if (exchanges.length === 0 || members.length < 2) return "";

  const used = new Map<string, number>();
  const pickText = (choices: ReportText[]): ReportText => {
    // The least used text of the category first, so twenty reports rarely repeat one.
    const fewest = Math.min(...choices.map((t) => used.get(t.what) ?? 0));
    const text = rng.pick(choices.filter((t) => (used.get(t.what) ?? 0) === fewest));
    used.set(text.what, fewest + 1);
    return text;
  };

  const rows: {
    authorId: string;
    recipientId: string;
    exchangeId: string | null;
    whatTheyDid: string;
    whyItMattered: string;
    themes: ExcellenceThemeValue[];
    shownOnProfile: boolean;
    createdAt: Date;
  }[] = [];
  for (const ex of rng.sample(exchanges, TIED_REPORTS)) {
    // Mostly the member who was helped recognises the helper; sometimes the other way round.
    const byPayer = rng.chance(0.8);
    const text = byPayer ? pickText(BY_CATEGORY[ex.category ?? ""] ?? ALL_TEXTS) : pickText(FOR_THE_HELPED);
    const name = firstName(byPayer ? ex.provider_name : ex.payer_name);
    const at = new Date(Math.min(now.getTime(), ex.confirmed_at.getTime() + rng.int(2, 72) * HOUR_MS));
    rows.push({
      authorId: byPayer ? ex.payer_id : ex.provider_id,
      recipientId: byPayer ? ex.provider_id : ex.payer_id,
      exchangeId: ex.id,
      whatTheyDid: fill(text.what, name),
      whyItMattered: fill(text.why, name),
      themes: text.themes,
      shownOnProfile: rng.chance(0.5),
      createdAt: at,
    });
  }
  for (let i = 0; i < UNTIED_REPORTS; i++) {
    const [author, recipient] = rng.sample(members, 2) as [(typeof members)[number], (typeof members)[number]];
    const text = pickText(ALL_TEXTS);
    rows.push({
      authorId: author.id,
      recipientId: recipient.id,
      exchangeId: null,
      whatTheyDid: fill(text.what, firstName(recipient.name)),
      whyItMattered: fill(text.why, firstName(recipient.name)),
      themes: text.themes,
      shownOnProfile: rng.chance(0.5),
      createdAt: new Date(now.getTime() - rng.int(1, 150) * DAY_MS - rng.int(0, 8) * HOUR_MS),
    });
  }
  await tx.excellenceReport.createMany({ data: rows });
  const shown = rows.filter((r) => r.shownOnProfile).length;
  return `${rows.length} reports of excellence (${shown} shown on profiles)`;
}
