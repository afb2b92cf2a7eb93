// What the demo bank is made of: fictional organisations and people, the quality-improvement
// skills list, and the words of offers, requests and messages. The people and organisations are
// invented; any likeness to a real trust or person is accidental. No text here contains an email
// address or other contact details.
import type { PROFESSIONS } from "../members/schemas";

type Profession = (typeof PROFESSIONS)[number];

export const REGIONS = [
  "North West",
  "London",
  "Yorkshire and the Humber",
  "South West",
  "Midlands",
  "East of England",
] as const;
export type RegionName = (typeof REGIONS)[number];

export const ORG_KINDS = [
  "Acute trust",
  "Mental health trust",
  "Community trust",
  "Primary care network",
  "Care home group",
  "Ambulance service",
  "Integrated care board",
  "Hospice",
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface DemoOrganisation {
  name: string;
  kind: OrgKind;
  region: RegionName;
  /** Professions of its members, in the order members are given them. */
  professions: string[];
  /** Topics its people care about; members' tags are drawn from these. */
  topics: string[];
}

export const ORGANISATIONS: DemoOrganisation[] = [
  {
    name: "Mersey Vale Hospitals NHS Foundation Trust",
    kind: "Acute trust",
    region: "North West",
    professions: [
      "Staff nurse",
      "Specialty registrar",
      "Physiotherapist",
      "Pharmacist",
      "Quality improvement lead",
      "Information analyst",
      "Service manager",
      "Healthcare assistant",
      "Occupational therapist",
      "Ward sister",
      "Consultant physician",
      "Patient partner",
    ],
    topics: ["flow", "discharge", "sepsis", "deterioration", "falls", "emergency department", "outpatients", "theatres"],
  },
  {
    name: "Pennine Minds NHS Foundation Trust",
    kind: "Mental health trust",
    region: "Yorkshire and the Humber",
    professions: [
      "Mental health nurse",
      "Consultant psychiatrist",
      "Clinical psychologist",
      "Occupational therapist",
      "Peer support worker",
      "Quality improvement lead",
      "Information analyst",
      "Service manager",
    ],
    topics: ["mental health", "crisis care", "restrictive practice", "inpatient wards", "co-production", "children and young people"],
  },
  {
    name: "Severn Community Health NHS Trust",
    kind: "Community trust",
    region: "South West",
    professions: [
      "District nurse",
      "Physiotherapist",
      "Occupational therapist",
      "Podiatrist",
      "Speech and language therapist",
      "Service manager",
      "Healthcare assistant",
      "Patient partner",
    ],
    topics: ["frailty", "community nursing", "pressure ulcers", "virtual wards", "falls", "waiting lists"],
  },
  {
    name: "Riverside Primary Care Network",
    kind: "Primary care network",
    region: "Midlands",
    professions: [
      "GP",
      "Practice nurse",
      "Clinical pharmacist",
      "Practice manager",
      "Social prescribing link worker",
      "Healthcare assistant",
      "Patient partner",
    ],
    topics: ["primary care", "access", "medicines", "deprescribing", "long-term conditions", "health inequalities"],
  },
  {
    name: "Oakwood Care Homes",
    kind: "Care home group",
    region: "East of England",
    professions: ["Registered manager", "Senior carer", "Registered nurse", "Healthcare assistant", "Activities coordinator"],
    topics: ["care homes", "dementia", "falls", "nutrition", "end of life", "medicines"],
  },
  {
    name: "Mercia Ambulance Service NHS Trust",
    kind: "Ambulance service",
    region: "Midlands",
    professions: [
      "Paramedic",
      "Emergency medical technician",
      "Control room clinician",
      "Quality improvement lead",
      "Performance analyst",
      "Operations manager",
    ],
    topics: ["ambulance handover", "response times", "urgent care", "falls", "frailty"],
  },
  {
    name: "Thames North Integrated Care Board",
    kind: "Integrated care board",
    region: "London",
    professions: [
      "Population health analyst",
      "Quality improvement lead",
      "Commissioning manager",
      "Clinical lead",
      "Programme manager",
      "Patient partner",
      "Information analyst",
      "Quality improvement lead",
    ],
    topics: ["population health", "health inequalities", "system flow", "waiting lists", "board reporting"],
  },
  {
    name: "St Brigid's Hospice",
    kind: "Hospice",
    region: "East of England",
    professions: [
      "Palliative care nurse specialist",
      "Consultant in palliative medicine",
      "Family support worker",
      "Physiotherapist",
      "Volunteer coordinator",
    ],
    topics: ["end of life", "carers", "bereavement", "advance care planning"],
  },
];

export const SKILL_CATEGORIES = [
  "Understanding the system",
  "Measurement",
  "Testing change",
  "People and teams",
  "Sharing and sustaining",
] as const;

export interface DemoSkill {
  slug: string;
  name: string;
  category: (typeof SKILL_CATEGORIES)[number];
  description: string;
  /** What a member helped with this skill might write in their "what I learned" note. */
  learned: string;
}

export const SKILLS: DemoSkill[] = [
  {
    slug: "process-mapping",
    name: "Process mapping",
    category: "Understanding the system",
    description: "Map a pathway step by step with the people who work in it, to see the delays, loops and hand-offs.",
    learned: "How to map the process as it really is, not as the policy says it should be.",
  },
  {
    slug: "driver-diagrams",
    name: "Driver diagrams",
    category: "Understanding the system",
    description: "Link an improvement aim to the drivers that influence it and the change ideas worth testing.",
    learned: "How to get from a big aim to change ideas we can test next week.",
  },
  {
    slug: "fishbone-root-cause",
    name: "Fishbone and root cause analysis",
    category: "Understanding the system",
    description: "Use cause-and-effect diagrams and the five whys to get beneath a recurring problem.",
    learned: "To keep asking why until we reach something in the system we can change.",
  },
  {
    slug: "stakeholder-mapping",
    name: "Stakeholder mapping",
    category: "Understanding the system",
    description: "Work out who is affected by a change, who has influence, and how to involve each group.",
    learned: "Who we had forgotten to involve, and how to bring them in early.",
  },
  {
    slug: "demand-capacity",
    name: "Demand and capacity",
    category: "Understanding the system",
    description: "Measure demand, capacity, activity and backlog to understand why queues form and grow.",
    learned: "Why the waiting list grows even when demand looks steady.",
  },
  {
    slug: "lean-value-stream",
    name: "Lean and value stream mapping",
    category: "Understanding the system",
    description: "Find and remove waste across a whole value stream, from referral to discharge.",
    learned: "How much of the pathway is waiting, and which steps add no value for the patient.",
  },
  {
    slug: "human-factors",
    name: "Human factors",
    category: "Understanding the system",
    description: "Design tasks, equipment and environments around how people really work, so errors are less likely.",
    learned: "To look at the design of the task before looking at the person doing it.",
  },
  {
    slug: "spc-charts",
    name: "SPC charts",
    category: "Measurement",
    description: "Build and interpret statistical process control charts to tell special-cause from common-cause variation.",
    learned: "How to tell a real change from ordinary noise, and when to recalculate the limits.",
  },
  {
    slug: "run-charts",
    name: "Run charts",
    category: "Measurement",
    description: "Plot data over time and use the run chart rules to spot real change early.",
    learned: "The four run chart rules, and how to annotate each test of change on the chart.",
  },
  {
    slug: "measurement-plans",
    name: "Measurement plans",
    category: "Measurement",
    description: "Choose outcome, process and balancing measures with clear operational definitions.",
    learned: "Why every measure needs an operational definition, and why balancing measures matter.",
  },
  {
    slug: "data-visualisation",
    name: "Data visualisation",
    category: "Measurement",
    description: "Turn improvement data into clear charts and dashboards that teams will actually read.",
    learned: "To give every chart a headline that says what it shows.",
  },
  {
    slug: "excel-for-qi",
    name: "Excel for QI",
    category: "Measurement",
    description: "Set up spreadsheets that collect, clean and chart improvement data without manual rework.",
    learned: "A spreadsheet layout that updates the chart by itself each week.",
  },
  {
    slug: "r-for-qi",
    name: "R for QI",
    category: "Measurement",
    description: "Automate run charts, SPC charts and reproducible reports with R.",
    learned: "How to rerun the whole analysis with one command when new data arrive.",
  },
  {
    slug: "power-bi-for-qi",
    name: "Power BI for QI",
    category: "Measurement",
    description: "Build Power BI reports that refresh improvement measures for a ward, service or system.",
    learned: "How to show control limits and special causes in Power BI.",
  },
  {
    slug: "survey-design",
    name: "Survey design",
    category: "Measurement",
    description: "Write short, unbiased surveys for staff, patients and carers, and make sense of the answers.",
    learned: "That a shorter survey with plain questions gets far more useful answers.",
  },
  {
    slug: "pdsa-coaching",
    name: "PDSA coaching",
    category: "Testing change",
    description: "Help a team plan small Plan-Do-Study-Act cycles: predict, test, study and learn quickly.",
    learned: "To test on a small scale first, and to write down a prediction before each cycle.",
  },
  {
    slug: "model-for-improvement",
    name: "Model for Improvement",
    category: "Testing change",
    description: "Frame a project around three questions: what are we trying to accomplish, how will we know, what can we change.",
    learned: "How the three questions keep a project focused.",
  },
  {
    slug: "project-scoping",
    name: "Project scoping and charters",
    category: "Testing change",
    description: "Turn a broad worry into a focused aim, scope and plan that a team can start testing.",
    learned: "How to narrow a project down to something we can finish.",
  },
  {
    slug: "facilitation",
    name: "Workshop facilitation",
    category: "People and teams",
    description: "Plan and run workshops where everyone contributes and decisions get made.",
    learned: "Ways to give every voice in the room equal space.",
  },
  {
    slug: "patient-carer-involvement",
    name: "Patient and carer involvement",
    category: "People and teams",
    description: "Involve patients, carers and the public as equal partners from the start of a project.",
    learned: "How to involve patients and carers as partners rather than as an afterthought.",
  },
  {
    slug: "experience-based-codesign",
    name: "Experience-based co-design",
    category: "People and teams",
    description: "Use patients' and staff's experiences to find touch points and design improvements together.",
    learned: "How patients' stories point to the moments that matter most.",
  },
  {
    slug: "improvement-coaching",
    name: "Improvement coaching",
    category: "People and teams",
    description: "Coach a person or team through an improvement project with regular, structured conversations.",
    learned: "How to keep momentum when a project stalls.",
  },
  {
    slug: "writing-for-publication",
    name: "Writing up QI (SQUIRE)",
    category: "Sharing and sustaining",
    description: "Structure an improvement report, abstract or paper using the SQUIRE 2.0 guidelines.",
    learned: "How the SQUIRE headings turn a project into a story others can learn from.",
  },
  {
    slug: "sustainability-spread",
    name: "Sustainability and spread",
    category: "Sharing and sustaining",
    description: "Plan how a change will last, and how it can spread to other teams and sites.",
    learned: "What has to stay the same when a change spreads, and what can be adapted.",
  },
  {
    slug: "presenting-improvement",
    name: "Presenting improvement work",
    category: "Sharing and sustaining",
    description: "Prepare posters, slides and short talks that tell the story of an improvement project.",
    learned: "How to tell the story of our project in five slides.",
  },
];

/** Skills each profession is likely to have, most likely first. */
export const PROFESSION_SKILLS: Record<string, string[]> = {
  "Staff nurse": ["pdsa-coaching", "process-mapping", "run-charts", "human-factors"],
  "Ward sister": ["pdsa-coaching", "facilitation", "improvement-coaching", "sustainability-spread"],
  "Specialty registrar": ["model-for-improvement", "run-charts", "writing-for-publication", "fishbone-root-cause"],
  "Consultant physician": ["writing-for-publication", "presenting-improvement", "driver-diagrams", "spc-charts"],
  "Physiotherapist": ["process-mapping", "pdsa-coaching", "demand-capacity", "survey-design"],
  Pharmacist: ["fishbone-root-cause", "human-factors", "measurement-plans", "excel-for-qi"],
  "Quality improvement lead": [
    "improvement-coaching",
    "driver-diagrams",
    "spc-charts",
    "facilitation",
    "model-for-improvement",
    "project-scoping",
  ],
  "Information analyst": ["spc-charts", "r-for-qi", "power-bi-for-qi", "data-visualisation", "excel-for-qi"],
  "Service manager": ["demand-capacity", "stakeholder-mapping", "lean-value-stream", "project-scoping"],
  "Healthcare assistant": ["process-mapping", "pdsa-coaching", "patient-carer-involvement"],
  "Occupational therapist": ["process-mapping", "experience-based-codesign", "pdsa-coaching", "human-factors"],
  "Patient partner": ["patient-carer-involvement", "experience-based-codesign", "survey-design", "presenting-improvement"],
  "Mental health nurse": ["pdsa-coaching", "patient-carer-involvement", "run-charts", "facilitation"],
  "Consultant psychiatrist": ["model-for-improvement", "writing-for-publication", "driver-diagrams"],
  "Clinical psychologist": ["facilitation", "improvement-coaching", "survey-design", "human-factors"],
  "Peer support worker": ["patient-carer-involvement", "experience-based-codesign", "facilitation"],
  "District nurse": ["pdsa-coaching", "process-mapping", "run-charts"],
  Podiatrist: ["run-charts", "measurement-plans", "excel-for-qi"],
  "Speech and language therapist": ["survey-design", "patient-carer-involvement", "process-mapping"],
  GP: ["model-for-improvement", "driver-diagrams", "writing-for-publication", "demand-capacity"],
  "Practice nurse": ["pdsa-coaching", "run-charts", "process-mapping"],
  "Clinical pharmacist": ["measurement-plans", "excel-for-qi", "fishbone-root-cause", "run-charts"],
  "Practice manager": ["demand-capacity", "lean-value-stream", "excel-for-qi", "stakeholder-mapping"],
  "Social prescribing link worker": ["patient-carer-involvement", "survey-design", "stakeholder-mapping"],
  "Registered manager": ["sustainability-spread", "lean-value-stream", "facilitation", "project-scoping"],
  "Senior carer": ["pdsa-coaching", "process-mapping", "human-factors"],
  "Registered nurse": ["pdsa-coaching", "fishbone-root-cause", "run-charts"],
  "Activities coordinator": ["patient-carer-involvement", "survey-design", "facilitation"],
  Paramedic: ["human-factors", "pdsa-coaching", "process-mapping"],
  "Emergency medical technician": ["process-mapping", "human-factors", "run-charts"],
  "Control room clinician": ["human-factors", "pdsa-coaching", "measurement-plans"],
  "Performance analyst": ["spc-charts", "power-bi-for-qi", "data-visualisation", "demand-capacity"],
  "Operations manager": ["demand-capacity", "lean-value-stream", "stakeholder-mapping", "sustainability-spread"],
  "Population health analyst": ["data-visualisation", "r-for-qi", "spc-charts", "measurement-plans"],
  "Commissioning manager": ["stakeholder-mapping", "sustainability-spread", "project-scoping", "presenting-improvement"],
  "Clinical lead": ["driver-diagrams", "facilitation", "presenting-improvement", "model-for-improvement"],
  "Programme manager": ["project-scoping", "stakeholder-mapping", "sustainability-spread", "facilitation"],
  "Palliative care nurse specialist": ["experience-based-codesign", "pdsa-coaching", "patient-carer-involvement"],
  "Consultant in palliative medicine": ["writing-for-publication", "model-for-improvement", "presenting-improvement"],
  "Family support worker": ["patient-carer-involvement", "survey-design", "experience-based-codesign"],
  "Volunteer coordinator": ["facilitation", "stakeholder-mapping", "survey-design"],
  "Time bank coordinator": ["facilitation", "improvement-coaching", "stakeholder-mapping"],
};

/**
 * The profession a member chooses on their profile (lib/members/schemas.ts PROFESSIONS) for each
 * job title above: the title stays in the member's bio, the profile holds the group.
 */
export const PROFESSION_GROUP: Record<string, Profession> = {
  "Staff nurse": "Nurse",
  "Ward sister": "Nurse",
  "Mental health nurse": "Nurse",
  "District nurse": "Nurse",
  "Practice nurse": "Nurse",
  "Registered nurse": "Nurse",
  "Palliative care nurse specialist": "Nurse",
  "Healthcare assistant": "Nurse",
  "Senior carer": "Nurse",
  "Specialty registrar": "Doctor",
  "Consultant physician": "Doctor",
  "Consultant psychiatrist": "Doctor",
  GP: "Doctor",
  "Consultant in palliative medicine": "Doctor",
  "Clinical lead": "Doctor",
  Physiotherapist: "Allied health professional",
  "Occupational therapist": "Allied health professional",
  Podiatrist: "Allied health professional",
  "Speech and language therapist": "Allied health professional",
  Paramedic: "Allied health professional",
  "Emergency medical technician": "Allied health professional",
  "Control room clinician": "Allied health professional",
  "Clinical psychologist": "Allied health professional",
  Pharmacist: "Pharmacist",
  "Clinical pharmacist": "Pharmacist",
  "Service manager": "Manager",
  "Practice manager": "Manager",
  "Registered manager": "Manager",
  "Operations manager": "Manager",
  "Commissioning manager": "Manager",
  "Programme manager": "Manager",
  "Information analyst": "Analyst",
  "Performance analyst": "Analyst",
  "Population health analyst": "Analyst",
  "Quality improvement lead": "Improvement specialist",
  "Time bank coordinator": "Improvement specialist",
  "Patient partner": "Patient partner",
  "Peer support worker": "Patient partner",
  "Social prescribing link worker": "Other",
  "Activities coordinator": "Other",
  "Family support worker": "Other",
  "Volunteer coordinator": "Other",
};

/** Members' names (fictional). The first is the bank's coordinator, an admin. */
export const ADMIN = {
  name: "Jo Whitfield",
  email: "admin@demo.timebank.local",
  profession: "Time bank coordinator",
  organisation: "Thames North Integrated Care Board",
};

export const MEMBER_NAMES = [
  "Aisha Rahman", "Ben Whitaker", "Chloe Davies", "Daniel Okafor", "Eleanor Hughes", "Farah Siddiqui",
  "Gareth Llewellyn", "Hannah Brooks", "Imran Patel", "Jade Thompson", "Kofi Mensah", "Laura McKenzie",
  "Mohammed Hussain", "Niamh O'Connor", "Oliver Grant", "Priya Nair", "Rachel Goldberg", "Samuel Adeyemi",
  "Tom Fletcher", "Uma Krishnan", "Victoria Lewis", "Wei Chen", "Yasmin Ali", "Zoe Carter",
  "Amir Haddad", "Bethan Rees", "Callum Fraser", "Deborah Clarke", "Emeka Obi", "Fiona Campbell",
  "Grace Liu", "Harpreet Kaur", "Isaac Bennett", "Joanna Nowak", "Kieran Walsh", "Leah Simmons",
  "Marcus Johnson", "Nadia Begum", "Owen Price", "Paula Santos", "Ruth Atkinson", "Sanjay Mehta",
  "Tess Harding", "Usman Tariq", "Vanessa Boateng", "William Hart", "Mei Tan", "Yusuf Demir",
  "Zainab Yusuf", "Lucia Moreno", "Caroline Ashworth", "Dev Sharma", "Ellie Morgan", "Femi Adebayo",
  "Georgia Pike", "Hamza Qureshi", "Isla Robertson", "Jack Doyle", "Kate Sutherland",
];

export const AVAILABILITY = [
  "Weekday afternoons",
  "Tuesday and Thursday mornings",
  "Flexible, mostly online",
  "Early evenings by video call",
  "One session a month",
  "Fridays, in person or online",
  "Wednesday lunchtimes",
  "Around shifts: ask me for dates",
];

export interface ListingText {
  skill: string;
  title: string;
  description: string;
  minutes: number;
  tags: string[];
  /** Requests: the kinds of organisation whose members would ask this. */
  kinds?: OrgKind[];
  /** Offers: the professions that would offer this. */
  professions?: string[];
}

const offer = (skill: string, title: string, description: string, minutes: number, tags: string[] = [], professions?: string[]): ListingText => ({
  skill,
  title,
  description,
  minutes,
  tags,
  professions,
});

export const OFFERS: ListingText[] = [
  offer("process-mapping", "Facilitate a process-mapping session for your pathway", "I'll help your team map the pathway as it really is today, sticky notes and all, and spot the delays and hand-offs worth testing first. In person or on a shared online whiteboard.", 120, ["flow"]),
  offer("process-mapping", "Turn your wall of sticky notes into a shareable process map", "Send me photos of the wall map and I'll draw it up as a tidy swim-lane diagram that the wider team can read and keep up to date.", 60, ["digital"]),
  offer("process-mapping", "Coach a first-time facilitator through mapping a discharge pathway", "I've mapped discharge pathways on several wards. I'll help you plan the session, who to invite and the questions that get people talking, then debrief with you afterwards.", 90, ["discharge", "flow"]),
  offer("process-mapping", "Map your pathway from the patient's point of view", "I'll help you walk your pathway the way a patient or carer experiences it, from the first letter to going home, and capture how each step feels as well as what happens.", 90, ["co-production"], ["Patient partner", "Occupational therapist", "Healthcare assistant", "Peer support worker"]),
  offer("driver-diagrams", "Build a driver diagram for your improvement aim", "Bring a rough aim and I'll help you turn it into a measurable aim, primary and secondary drivers and a first set of change ideas to test.", 60),
  offer("driver-diagrams", "Review and sharpen your driver diagram", "A fresh pair of eyes on your driver diagram: is the aim measurable, do the drivers really lead to it, and which change ideas could you test next week?", 45),
  offer("driver-diagrams", "Driver diagram workshop for a multidisciplinary team", "I'll run a one-hour workshop that gets nurses, doctors, therapists and managers to agree a shared theory of change.", 90),
  offer("fishbone-root-cause", "Run a fishbone session on a recurring incident", "Together we'll use a cause-and-effect diagram and the five whys to get past 'human error' to the things in the system you can change.", 90, ["patient safety"]),
  offer("fishbone-root-cause", "Find the themes in a batch of incident reports", "I can help you group incident reports into themes and pick out the contributory factors that keep coming back.", 120, ["patient safety"]),
  offer("fishbone-root-cause", "Five whys coaching for team leaders", "A practical hour on asking 'why' well: staying curious, avoiding blame and knowing when you've reached a cause you can act on.", 60),
  offer("stakeholder-mapping", "Map who needs to be involved in your project", "We'll plot your stakeholders by interest and influence and plan how to involve each group, including patients and carers.", 60),
  offer("stakeholder-mapping", "Turn a stakeholder map into a communications plan", "I'll help you turn your stakeholder map into a simple plan: who hears what, when, and from whom.", 45),
  offer("stakeholder-mapping", "Stakeholder analysis for a change across organisations", "For changes that cross organisational lines: I'll help you map partners in primary, community, acute and social care and find the people who can unblock things.", 90, ["system flow"]),
  offer("demand-capacity", "Demand and capacity analysis for a clinic or service", "I'll help you collect a few weeks of demand, capacity, activity and backlog data, and show why your waiting list grows or shrinks.", 180, ["waiting lists", "outpatients"]),
  offer("demand-capacity", "Demand and capacity explained in one hour", "A short, jargon-free session for your team on queues, variation and why working harder does not fix a waiting list.", 60, ["waiting lists"]),
  offer("demand-capacity", "Model the effect of an extra clinic before you add one", "Bring your referral and activity numbers and we'll build a simple spreadsheet model to test what-if scenarios before you change anything.", 120),
  offer("lean-value-stream", "Value stream mapping for a referral-to-treatment pathway", "I'll lead a value stream mapping session that measures lead time, waiting and value-added time across the whole pathway.", 180, ["flow"]),
  offer("lean-value-stream", "Spot the wastes on a walk-through of your area", "We'll do a structured walk through your ward, clinic or station and note the waiting, motion, rework and other wastes that staff work around every day.", 90),
  offer("lean-value-stream", "5S a store room or treatment room with your team", "A practical session to sort, set in order and standardise a shared space so that equipment is where people expect it to be.", 120),
  offer("human-factors", "Human factors review of a task that keeps going wrong", "I'll observe the task with you and look at the equipment, the environment and the workload rather than at who to blame.", 120, ["patient safety"]),
  offer("human-factors", "A short introduction to human factors for your team", "Forty-five minutes with examples from health and care: checklists, interruptions, fatigue and designing for the way people really work.", 45),
  offer("human-factors", "Design a checklist or prompt card that people will use", "We'll draft, test and refine a checklist or cognitive aid with the people who will use it, so it helps rather than adds to the noise.", 90, ["patient safety"]),
  offer("spc-charts", "Build an SPC chart from your data", "Send me a spreadsheet of weekly or monthly data and I'll build the right SPC chart with you and talk through what it shows.", 60),
  offer("spc-charts", "Which SPC chart? XmR, p, u and c charts explained", "A one-to-one walk-through of choosing the right control chart for your measure, with worked examples from ward and community data.", 60),
  offer("spc-charts", "Read the SPC charts in your board report", "I'll help you read the SPC charts in your performance report and write commentary that separates real change from noise.", 45, ["board reporting"]),
  offer("spc-charts", "Recalculate control limits after a change has stuck", "When should you re-baseline a control chart? I'll help you decide and update your charts properly.", 30),
  offer("run-charts", "Start a run chart for your improvement project", "We'll set up a run chart with a median, annotate your tests of change on it and agree how often to update it.", 45),
  offer("run-charts", "Apply the run chart rules to your own data", "Not sure whether your data show a shift, a trend or just noise? We'll go through the four run chart rules with your data.", 30),
  offer("run-charts", "A run chart for the staff noticeboard", "I'll help you design a run chart that staff can update by hand each week, with a clear title and a goal line.", 45, ["staff engagement"]),
  offer("run-charts", "Turn a yearly audit into monthly run-chart data", "Instead of one big audit a year, let's turn it into small monthly samples that you can plot and learn from.", 60, ["audit"]),
  offer("measurement-plans", "Write a measurement plan with outcome, process and balancing measures", "We'll agree what to measure, the operational definition of each measure, who collects it and how often.", 90),
  offer("measurement-plans", "Tighten your operational definitions", "Vague definitions make unreliable data. We'll go through each measure and pin down the numerator, denominator and exclusions.", 45),
  offer("measurement-plans", "Find the data you already have", "Before you start counting by hand: I can help you find what is already recorded in your electronic records or information team reports.", 60, ["digital"]),
  offer("data-visualisation", "Redesign a dashboard nobody reads", "Show me a dashboard that isn't working and I'll suggest a simpler layout that puts what matters first.", 60),
  offer("data-visualisation", "Make the charts on your improvement poster clear", "I'll help you choose chart types, cut clutter and write headline titles so a reader gets the message in five seconds.", 45),
  offer("data-visualisation", "Accessible charts for mixed audiences", "Charts that work for patients, boards and colour-blind readers alike: colour, labels, plain language and alternative text.", 45, ["co-production"]),
  offer("excel-for-qi", "An Excel tracker that draws its own run chart", "I'll build you a simple data-entry sheet that calculates the median and updates a run chart as soon as you type in new data.", 60),
  offer("excel-for-qi", "Excel formulas for cleaning audit data", "Dates stored as text, duplicates, blanks: I'll show you the handful of formulas that do most of the cleaning.", 60, ["audit"]),
  offer("excel-for-qi", "Pivot tables for improvement data", "A practical hour on pivot tables and slicers to summarise your data by week, ward or team.", 60),
  offer("r-for-qi", "Automate your SPC charts in R", "I'll help you write an R script that reads your data and draws SPC charts for all your measures in one go.", 120, ["digital"]),
  offer("r-for-qi", "Pair-programme your first R report", "Bring a dataset and we'll write a reproducible Quarto report together that you can rerun each month.", 120),
  offer("r-for-qi", "Review the R code behind your analysis", "I'll read through your script, check the logic and suggest ways to make it easier for someone else to maintain.", 60),
  offer("power-bi-for-qi", "Build a Power BI page for your improvement measures", "I'll help you connect to your data and build a report page with run charts and a filter for each ward or team.", 180, ["digital"]),
  offer("power-bi-for-qi", "SPC charts in Power BI", "Power BI does not draw control charts out of the box. I'll show you a reliable way to calculate the limits and highlight special causes.", 90),
  offer("power-bi-for-qi", "Speed up and simplify a confusing Power BI report", "Together we'll tidy the data model, fix the visuals and make your report faster to open.", 90),
  offer("survey-design", "Write a short staff survey that people will answer", "We'll cut your survey down to the questions you will act on, fix leading wording and choose the right scales.", 60, ["staff wellbeing"]),
  offer("survey-design", "Review a patient experience questionnaire", "I'll review your questionnaire for plain English, accessibility and bias, from the point of view of the person filling it in.", 45, ["co-production"]),
  offer("survey-design", "Make sense of free-text survey comments", "I'll help you sort free-text answers into themes and choose quotes that tell the story fairly.", 90),
  offer("pdsa-coaching", "Plan your first PDSA cycle", "We'll turn a change idea into a small test: a prediction, who, when, where and what you will measure.", 45),
  offer("pdsa-coaching", "Monthly PDSA check-ins for a project team", "A regular half-hour conversation to review the last cycle, what you learned and what to test next.", 30),
  offer("pdsa-coaching", "From one patient to the whole ward: ramping up your tests", "Your test worked once; now what? I'll help you plan a ramp of PDSA cycles that tests the change under more conditions.", 60),
  offer("pdsa-coaching", "PDSA records that help rather than hinder", "I'll share a one-page PDSA template and help you write up cycles in a way that builds your project's story.", 30),
  offer("model-for-improvement", "Introduce the Model for Improvement to a new team", "A lively hour on the three questions and the PDSA cycle, with examples from health and care.", 60),
  offer("model-for-improvement", "Write a clear aim statement", "How much, by when, for whom: I'll help you write an aim that the whole team understands and can measure.", 30),
  offer("model-for-improvement", "A refresher for leaders who sponsor improvement", "A short session for sponsors and steering groups: what to ask project teams, what to expect and how to support them.", 45),
  offer("project-scoping", "Scope your project on one page", "We'll turn a big worry into a focused project: problem, aim, scope, team, measures and timeline, all on one page.", 60),
  offer("project-scoping", "Improvement project, audit or research?", "I'll help you decide which your project is, what approvals you may need and how to describe it.", 30, ["governance"]),
  offer("project-scoping", "Plan the first 90 days of a new project", "Together we'll sketch milestones, the team's time commitment and your first three tests of change.", 60),
  offer("facilitation", "Facilitate your team's away day", "I'll design and run a session that gets everyone talking and ends with clear actions that people own.", 240, ["staff engagement"]),
  offer("facilitation", "Run a Liberating Structures session", "Short, structured activities such as 1-2-4-All and TRIZ that give every voice equal space, in person or online.", 90),
  offer("facilitation", "Co-facilitate your online workshop", "I'll be your second facilitator: breakout rooms, timekeeping, the chat and the online whiteboard, so you can focus on the conversation.", 120, ["digital"]),
  offer("facilitation", "Coaching for new facilitators", "A one-to-one session to plan your first workshop, handle tricky moments and keep to time.", 60),
  offer("patient-carer-involvement", "Join your project team as a patient partner", "I'll bring lived experience to your project meetings and help keep the focus on what matters to patients and families.", 120, ["co-production"], ["Patient partner", "Peer support worker"]),
  offer("patient-carer-involvement", "Plan how to involve patients and carers from the start", "We'll plan recruitment, support, payment for people's time and how partners will shape decisions, not just comment on them.", 60, ["co-production", "health inequalities"]),
  offer("patient-carer-involvement", "Plain-English review of your project materials", "I'll read your leaflets, posters or survey from a patient's point of view and suggest clearer wording.", 45, ["co-production"]),
  offer("experience-based-codesign", "An introduction to experience-based co-design", "An hour on the stages of EBCD: gathering stories, finding touch points and running co-design groups with patients and staff.", 60, ["co-production"]),
  offer("experience-based-codesign", "Help run a co-design event with patients and staff", "I'll help you plan and run a joint event where patients and staff agree the priorities for improvement together.", 180, ["co-production"]),
  offer("experience-based-codesign", "Gather patient stories with consent and care", "I'll help you plan story-gathering interviews: consent, questions, emotional support and how the stories will be used.", 60),
  offer("improvement-coaching", "One-to-one improvement coaching", "Regular coaching conversations to help you lead your project, get unstuck and keep momentum.", 60),
  offer("improvement-coaching", "Coach a team leader through their first project", "Six short sessions over three months, each focused on the next step of the project and what the leader is learning.", 180, ["leadership"]),
  offer("improvement-coaching", "Peer coaching for QI leads", "A confidential space for QI leads to talk through difficult sponsors, stalled projects and their own development.", 60, ["staff wellbeing"]),
  offer("writing-for-publication", "Structure your QI write-up with SQUIRE 2.0", "We'll go through the SQUIRE headings together and decide what goes where in your report or paper.", 90),
  offer("writing-for-publication", "Feedback on a draft conference abstract", "Share your draft abstract and I'll give detailed feedback on structure, clarity and the word count.", 45),
  offer("writing-for-publication", "Turn your project into a poster", "We'll plan a poster that tells the story: the problem, the changes tested, the run chart and what you learned.", 60),
  offer("sustainability-spread", "A sustainability check for a finished project", "We'll use a sustainability model to spot risks before you hand over, and agree who will own the change.", 60),
  offer("sustainability-spread", "Plan how to spread a change to other teams", "I'll help you work out what must stay the same, what can be adapted locally and who will lead each new site.", 90, ["system flow"]),
  offer("sustainability-spread", "Write a handover pack for business as usual", "Together we'll write the guide, measures and ownership that keep a change going after the project team moves on.", 60),
  offer("presenting-improvement", "Rehearse the presentation of your project", "Practise your talk with me and get honest, kind feedback on the story, the slides and the timing.", 45),
  offer("presenting-improvement", "Tell your project's story in five slides", "I'll help you shape a short talk for a board, a team meeting or a conference: problem, changes, results, learning, ask.", 45),
  offer("presenting-improvement", "Present improvement data to a board", "How to present improvement data to an executive audience so that it leads to a decision.", 60, ["board reporting"]),
];

const request = (skill: string, title: string, description: string, minutes: number, tags: string[], kinds?: OrgKind[]): ListingText => ({
  skill,
  title,
  description,
  minutes,
  tags,
  kinds,
});

export const REQUESTS: ListingText[] = [
  request("process-mapping", "Help mapping our ambulance handover process", "Handover delays at the emergency department door are our biggest problem. We'd like help mapping the process from arrival to handover with crews and hospital staff.", 120, ["ambulance handover", "flow"], ["Ambulance service", "Acute trust"]),
  request("process-mapping", "Map our care home admission process", "New residents often arrive with missing medicines or paperwork. We'd like to map the admission process with our senior carers and the local practice.", 90, ["care homes", "medicines"], ["Care home group"]),
  request("driver-diagrams", "Driver diagram for reducing falls", "We have a falls group and lots of ideas but no shared theory of change. Could someone help us build a driver diagram in one meeting?", 60, ["falls"], ["Acute trust", "Community trust", "Care home group"]),
  request("driver-diagrams", "Aim and drivers for a frailty virtual ward", "We're setting up a virtual ward for people living with frailty and want a clear aim and driver diagram before we start testing.", 90, ["frailty", "virtual wards"], ["Community trust", "Integrated care board", "Primary care network"]),
  request("fishbone-root-cause", "Root cause session on missed insulin doses", "We keep seeing missed or late insulin doses on two wards. We'd like help running a fishbone session with nurses and pharmacists.", 90, ["medicines", "patient safety"], ["Acute trust"]),
  request("fishbone-root-cause", "Why do our crisis referrals bounce back?", "Many referrals to our crisis team are sent back as incomplete. We want to understand why before we redesign the form.", 60, ["mental health", "crisis care"], ["Mental health trust"]),
  request("stakeholder-mapping", "Who should we involve in redesigning bereavement support?", "We want to redesign the support we offer families after a death and need help working out who to involve, and how.", 60, ["bereavement", "carers"], ["Hospice"]),
  request("demand-capacity", "Why is our physiotherapy waiting list growing?", "Referrals look steady but the waiting list keeps growing. We need help collecting demand and capacity data and making sense of it.", 180, ["waiting lists"], ["Community trust", "Acute trust"]),
  request("demand-capacity", "Demand and capacity for same-day appointments", "Mondays are overwhelming. We'd like help measuring demand for same-day appointments and matching our capacity to it.", 120, ["access", "primary care"], ["Primary care network"]),
  request("lean-value-stream", "Take the waste out of our morning medicines round", "The morning medicines round takes over two hours. We'd like help observing it and finding the steps we could cut or move.", 90, ["medicines"], ["Care home group", "Acute trust", "Mental health trust"]),
  request("human-factors", "Human factors look at syringe driver near misses", "We've had several near misses with syringe drivers and want to understand the human factors behind them.", 120, ["end of life", "patient safety"], ["Hospice", "Community trust"]),
  request("spc-charts", "Are our response times really getting worse?", "Our category 2 response times have been reported as deteriorating. We'd like help putting the data on an SPC chart to see whether that is true.", 60, ["response times"], ["Ambulance service"]),
  request("spc-charts", "SPC charts for restrictive practice data", "We record restraint and seclusion every month and want SPC charts that help our wards see real change.", 60, ["restrictive practice", "mental health"], ["Mental health trust"]),
  request("run-charts", "Run charts for our pressure ulcer project", "We're testing changes to repositioning and need help setting up run charts for our measures.", 45, ["pressure ulcers"], ["Community trust", "Care home group", "Acute trust"]),
  request("run-charts", "Show our deprescribing work over time", "We've been reviewing medicines for people taking ten or more and want a run chart of the medicines stopped each month.", 45, ["deprescribing", "medicines"], ["Primary care network"]),
  request("measurement-plans", "Measurement plan for sepsis screening", "We need help choosing outcome, process and balancing measures for our sepsis screening project.", 90, ["sepsis", "emergency department"], ["Acute trust", "Ambulance service"]),
  request("measurement-plans", "What should we measure for social prescribing?", "We want to show the difference social prescribing makes without burying link workers in data collection.", 60, ["health inequalities", "primary care"], ["Primary care network", "Integrated care board"]),
  request("data-visualisation", "Make our quality report readable", "Our monthly quality report is thirty pages of tables. We'd like help redesigning it so the committee can see what matters.", 120, ["board reporting"], ["Integrated care board", "Acute trust", "Mental health trust"]),
  request("data-visualisation", "Charts for a health inequalities briefing", "We're presenting health inequalities data to neighbourhood teams and want charts that are clear and respectful.", 60, ["health inequalities", "population health"], ["Integrated care board", "Primary care network"]),
  request("excel-for-qi", "Count falls per 1,000 bed days without the headache", "Our falls log is one huge spreadsheet. We'd like a simpler way to count falls per 1,000 occupied bed days each month.", 60, ["falls"], ["Care home group", "Acute trust", "Community trust"]),
  request("excel-for-qi", "Automate our weekly discharge tracker", "Someone spends half a day each week copying numbers into a chart. Can you help us automate it in Excel?", 90, ["discharge", "flow"], ["Acute trust", "Community trust"]),
  request("r-for-qi", "A reproducible R script for our monthly dashboard", "Our analyst has left and the monthly charts are built by hand. We'd like help writing an R script the next person can rerun.", 120, ["mental health", "digital"], ["Mental health trust", "Integrated care board"]),
  request("power-bi-for-qi", "Power BI page for our virtual ward measures", "We want one page that shows admissions avoided, length of stay and readmissions for the virtual ward, updated weekly.", 120, ["virtual wards", "digital"], ["Community trust", "Integrated care board"]),
  request("survey-design", "Survey for family carers of people with dementia", "We want to ask family carers what would make visiting and care planning better, without making it a burden for them.", 60, ["dementia", "carers"], ["Care home group"]),
  request("survey-design", "A five-question staff wellbeing pulse survey", "We'd like a short pulse survey we can repeat monthly to see whether our wellbeing changes are helping.", 45, ["staff wellbeing"]),
  request("pdsa-coaching", "Coaching through our first PDSA cycles on escalation", "We're testing a new escalation prompt for NEWS2 scores and would value coaching through our first cycles.", 60, ["deterioration"], ["Acute trust", "Community trust", "Care home group"]),
  request("pdsa-coaching", "Test a revised triage script, one shift at a time", "We want to test a revised triage script in our control room using small PDSA cycles, starting with one shift.", 60, ["urgent care"], ["Ambulance service"]),
  request("model-for-improvement", "Introduce improvement to our practice team", "Our practice wants to start improvement work and would like a short introduction at a lunchtime meeting.", 60, ["primary care"], ["Primary care network"]),
  request("project-scoping", "Scope a project on missed outpatient appointments", "Missed appointment rates are high in our clinics and we don't know where to start. We'd like help scoping a realistic project.", 60, ["outpatients", "health inequalities"], ["Acute trust", "Community trust"]),
  request("facilitation", "Neutral facilitator for a system flow workshop", "Partners from the hospital, community services and social care are meeting to agree actions on delayed discharges. We need a neutral facilitator.", 180, ["system flow", "discharge"], ["Integrated care board"]),
  request("facilitation", "Run a team learning event after a serious incident", "We want a supportive, blame-free session where the team can reflect and agree what to change.", 120, ["patient safety", "staff wellbeing"]),
  request("patient-carer-involvement", "Patient partner for our outpatient redesign", "We'd like a patient partner to join our monthly project meeting and help us test changes to letters and appointment booking.", 120, ["outpatients", "co-production"], ["Acute trust"]),
  request("patient-carer-involvement", "Involve young people in designing our service", "We want young people to help shape our transition service and need advice on doing it well.", 60, ["children and young people", "co-production"], ["Mental health trust", "Community trust"]),
  request("experience-based-codesign", "Co-design our advance care planning conversations", "We'd like help planning a co-design project with patients, families and staff on advance care planning.", 90, ["advance care planning", "end of life"], ["Hospice", "Primary care network"]),
  request("improvement-coaching", "Coaching for a new ward manager leading improvement", "Our new ward manager wants to build improvement into how the ward works and would value a few coaching sessions.", 60, ["leadership"], ["Acute trust", "Mental health trust"]),
  request("writing-for-publication", "Feedback on our SQUIRE write-up", "We've drafted a write-up of our falls project using SQUIRE and would like someone experienced to read it.", 90, ["falls"]),
  request("writing-for-publication", "Help writing a QI conference abstract", "The deadline is close and we'd like help turning our project into a 300-word abstract.", 45, []),
  request("sustainability-spread", "Keep our handover improvements going", "Our handover project has ended and we're worried things will slip. We'd like help planning for sustainability.", 60, ["handover"], ["Ambulance service", "Acute trust"]),
  request("sustainability-spread", "Spread our medication review model across the network", "Our structured medication review model worked in one practice. We want help planning its spread to the others.", 90, ["medicines", "deprescribing"], ["Primary care network", "Integrated care board"]),
  request("presenting-improvement", "Practice run for a ten-minute board presentation", "We've been asked to present our project to the board in ten minutes and would value a practice run with feedback.", 45, ["board reporting"]),
];

// Messages in an exchange's thread. {to} is the other party's first name, {skill} the skill.
export const OPENING_FROM_PAYER = [
  "Hi {to}, your offer is just what we need. Would you have time in the next few weeks?",
  "Hello {to}, our team would really value your help with {skill}. Could we find a time that suits you?",
  "Hi {to}, I saw your offer and wondered whether you could help us. We're at the very start of our project.",
];
export const OPENING_FROM_PROVIDER = [
  "Hi {to}, I've helped several teams with {skill} and would be glad to help with this.",
  "Hello {to}, I'd be happy to help. I've supported a couple of similar projects and can share what worked.",
  "Hi {to}, this is right up my street. Happy to help if you haven't found someone yet.",
];
export const REPLIES = [
  "Thanks {to}, that would be brilliant. Tuesday or Thursday afternoons are easiest for me.",
  "Lovely, thank you. Shall we start with a short video call so I can explain where we've got to?",
  "That sounds great. I'll gather the data we have so far before we meet.",
  "Thank you! Could we aim for the week after next? We have an inspection visit this week.",
];
export const LOGISTICS = [
  "I've put a rough agenda together: ten minutes on the background, then we'll get stuck in.",
  "Could you bring any data you already have, even if it's rough? It makes the session much more useful.",
  "Thursday at 2pm works for me. I'll book a quiet room near the ward.",
  "Let's use the video link in the calendar invite. I'll share my screen.",
];
export const AFTER_DELIVERY = [
  "Thank you for today {to}, the team found it really useful.",
  "That was so helpful. We've already planned our next test of change.",
  "Thanks again. I've shared the notes with the rest of the team.",
];
export const THANKS = [
  "Thank you {to}! The team came away with a clear plan and a lot more confidence.",
  "Really grateful for your time and patience, {to}.",
  "Brilliant session. Thank you for making it so practical.",
  "Thank you {to}, this has changed how we run our weekly huddle.",
];
export const DECLINE_NOTES = [
  "Sorry, I'm on leave for most of next month. Please do ask again later.",
  "I don't think I'm the right person for this one; it needs someone closer to the data.",
  "I've taken on too much this quarter, so I have to say no for now.",
];
export const CANCEL_NOTES = [
  "Our project has been paused while the service is reorganised.",
  "We found the help we needed within our own team. Thank you all the same.",
  "The date no longer works for the team; we'll propose again when things settle.",
];
export const DISPUTE_REASONS = [
  "The session was shorter than the time recorded.",
  "We agreed a workshop, but only got as far as a phone call.",
  "The time recorded includes preparation we hadn't agreed.",
];
export const RESOLUTION_NOTES = {
  posted: "Both members agreed that the time recorded was right after talking it through with the coordinator.",
  adjusted: "The coordinator spoke to both members; they agreed a smaller amount for the time actually spent together.",
  voided: "The session did not go ahead as agreed; no hours move and both members are free to try again.",
};
