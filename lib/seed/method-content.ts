// The method library's first pages: for each skill in the taxonomy (lib/seed/demo-content.ts
// SKILLS, by slug), what it is, when to use it and what a good exchange of it looks like, in plain
// words for people working in UK health and care. Any bank whose skills carry these slugs gets
// these pages (lib/methods/seed-pages.ts); admins edit them from there on.
export interface MethodContent {
  whatItIs: string;
  whenToUse: string;
  goodExchange: string;
}

export const METHOD_CONTENT: Record<string, MethodContent> = {
  "process-mapping": {
    whatItIs:
      "Process mapping draws every step of a pathway, from the patient's point of view, on one sheet: who does what, in what order, where people wait and where work goes back on itself. It is done with the people who work in the process, usually with sticky notes on a long roll of paper, so the map shows what really happens rather than what the policy says.",
    whenToUse:
      "Use it early in a project, when a team agrees something is slow, unreliable or frustrating but not why. It is especially useful where a pathway crosses teams, such as discharge, referrals or test results, because no one person sees the whole of it.",
    goodExchange:
      "The helper plans the session with the team lead, facilitates a 60 to 90 minute mapping workshop with the people who do the work, and helps the team mark the delays, hand-offs and repeated steps. The team leaves with a photographed map, a short list of problems worth testing changes on, and knows how to run the next map themselves.",
  },
  "driver-diagrams": {
    whatItIs:
      "A driver diagram is a one-page picture of a team's theory of change. The aim sits on the left; the primary drivers are the few big things that must happen to reach it; secondary drivers break those down; and on the right are the change ideas the team could test.",
    whenToUse:
      "Use it once a team has a clear aim and understands the problem, to agree where to focus and to choose which changes to test first. It also helps to explain a project to managers and to new team members, and it should be updated as tests teach the team more.",
    goodExchange:
      "The helper works with the project lead and a few team members to draft the diagram from what they already know, challenging vague drivers and ideas nobody could test next week. A good exchange ends with a first version the team owns, two or three change ideas ready for a PDSA cycle, and a plan to revisit the diagram as results come in.",
  },
  "fishbone-root-cause": {
    whatItIs:
      "A fishbone (Ishikawa) diagram sorts the possible causes of a problem under headings such as people, equipment, environment, methods and policies. The five whys asks “why?” again and again until the answers reach something in the system that can be changed, rather than stopping at a person's mistake.",
    whenToUse:
      "Use it when a problem keeps coming back, such as missed observations, delayed discharges or repeated incidents, and the team suspects several causes. It works well after a process map, or alongside an incident review, to move the conversation from blame to the design of the system.",
    goodExchange:
      "The helper facilitates a short session with the people closest to the problem, keeps the discussion on causes rather than solutions or blame, and checks each cause against data where it exists. The team leaves with a completed diagram, the two or three causes they think matter most, and a way of checking whether they are right.",
  },
  "stakeholder-mapping": {
    whatItIs:
      "Stakeholder mapping lists everyone a change affects or who can influence it (patients, carers, staff groups, managers, other services, commissioners) and places them by how much they are affected and how much influence they have. It then sets out how and when to involve each group.",
    whenToUse:
      "Use it at the start of a project, and again before spreading a change, so that nobody important hears about it last. It is particularly valuable when a change crosses organisational boundaries, such as between a hospital, general practice and social care.",
    goodExchange:
      "The helper takes the project lead through listing stakeholders, asks about the groups that are easy to forget (night staff, porters, patients who do not complain), and helps plan how to reach each one. A good exchange ends with a map, a simple communication plan and named people to speak to in the next fortnight.",
  },
  "demand-capacity": {
    whatItIs:
      "Demand and capacity analysis measures four things over time: demand (the work that arrives), capacity (the resources available to do it), activity (the work actually done) and backlog (the work waiting). Comparing them shows why queues form and grow, and whether the answer is more capacity, a better match of capacity to demand, or less variation.",
    whenToUse:
      "Use it for any service with a waiting list or a queue, such as clinics, diagnostics, therapy services or general practice appointments. It is most useful before asking for extra staff or sessions, because mismatches in timing often matter more than the total.",
    goodExchange:
      "The helper agrees with the service which data to collect, usually weekly or daily counts for several months, and helps to chart demand, capacity, activity and backlog together. The team ends with charts it understands, a plain explanation of why the queue behaves as it does, and one or two changes to test.",
  },
  "lean-value-stream": {
    whatItIs:
      "Lean thinking looks at a service from the patient's point of view and asks which steps add value for them and which are waste: waiting, unnecessary movement, rework, duplicate checks. A value stream map follows one patient group from first contact to the end of their care and records time spent on each step and waiting between steps.",
    whenToUse:
      "Use it when a whole pathway is too slow or too complicated, and the team wants to redesign it rather than fix one step. It suits pathways with clear start and end points, such as a diagnostic pathway from referral to result, or a surgical pathway from listing to discharge.",
    goodExchange:
      "The helper introduces the ideas in plain terms, walks the pathway with the team (on foot or with real patient records), and helps to build the current-state map with times. A good exchange ends with the team's own estimate of how much of the pathway is waiting, and a short list of waste they want to remove first.",
  },
  "human-factors": {
    whatItIs:
      "Human factors is the science of designing tasks, equipment, environments and teams around how people really think and work, including under pressure, tired or interrupted. It assumes that errors are normal and asks how the system can make the right action easy and the wrong one hard.",
    whenToUse:
      "Use it when the same error keeps happening despite training and reminders, after an incident, or when introducing new equipment, forms or IT systems. It is also useful when designing checklists, handovers and alarms.",
    goodExchange:
      "The helper observes the task where it happens, or talks it through with the staff who do it, and looks at the design of the work before the people doing it. The team leaves with practical design changes to test, such as a clearer label, a forcing function or a simpler form, rather than another reminder email.",
  },
  "spc-charts": {
    whatItIs:
      "A statistical process control (SPC) chart plots data over time with a centre line and upper and lower control limits calculated from the data. Points and patterns outside what the limits predict are “special cause” variation worth investigating; everything else is the ordinary “common cause” variation of a stable system.",
    whenToUse:
      "Use it when you have enough data points over time (usually at least 15 to 20) and want to know whether a change made a real difference, or whether a worrying month is just noise. It is the standard way NHS boards are encouraged to look at performance data, through “Making Data Count”.",
    goodExchange:
      "The helper checks that the right type of chart is chosen for the data (for example an XmR chart for measurements, a p-chart for percentages), builds it with the member from their own data, and explains the rules for spotting special causes. A good exchange ends with the member able to update and read the chart themselves, and to know when to recalculate the limits after a change.",
  },
  "run-charts": {
    whatItIs:
      "A run chart is a line graph of a measure over time with its median drawn across it. Four simple rules (a shift, a trend, too many or too few runs, and an astronomical point) show whether a change is real rather than chance, without any statistics software.",
    whenToUse:
      "Use it from the first weeks of a project, as soon as you have around ten data points, to see whether tests of change are making a difference. It is the quickest way to share progress with a team, and it is often the first step before an SPC chart.",
    goodExchange:
      "The helper sits down with the member's real data, builds a run chart with them (on paper, in Excel or in another tool), and works through the four rules on it. The member leaves with a chart annotated with their tests of change, and the confidence to keep it up to date and explain it at a team meeting.",
  },
  "measurement-plans": {
    whatItIs:
      "A measurement plan sets out how a project will know whether a change is an improvement. It chooses a small family of measures (outcome measures for the aim, process measures for what the team does, and balancing measures for unintended effects elsewhere) and gives each an operational definition: exactly what is counted, how, how often and by whom.",
    whenToUse:
      "Use it as soon as a project has an aim and before testing changes, so that there is a baseline. Revisit it when measures turn out to be hard to collect or when they do not show what the team hoped.",
    goodExchange:
      "The helper works through the aim with the project lead, suggests one or two measures of each kind, and presses for definitions precise enough that two people counting would get the same number. A good exchange ends with a written plan, a data collection sheet that fits the ward's routine, and a date for the first data.",
  },
  "data-visualisation": {
    whatItIs:
      "Data visualisation is the craft of turning numbers into charts that people understand at a glance. It covers choosing the right kind of chart, removing clutter, using colour with care, and giving every chart a headline that says what it shows.",
    whenToUse:
      "Use it whenever improvement data is shared with a team, a board or patients, and especially when a dashboard or report is not being read. It matters most when decisions depend on people seeing a change over time.",
    goodExchange:
      "The helper looks at the member's existing charts or report with them, explains what a reader sees first, and redesigns one or two charts together. The member leaves with clearer charts, a few principles they can apply to the rest, and often a simpler report than before.",
  },
  "excel-for-qi": {
    whatItIs:
      "Excel for QI means setting up spreadsheets that make improvement data easy to collect, clean and chart. A good layout keeps one row per observation, separates raw data from calculations, and produces run or SPC charts that update themselves as new data is added.",
    whenToUse:
      "Use it when a team spends hours each week copying numbers between sheets, when charts are redrawn by hand, or when a project's data lives in several versions of a spreadsheet. Excel is on almost every NHS computer, so it is often the most practical tool.",
    goodExchange:
      "The helper looks at how the data is collected now and rebuilds the workbook with the member: a tidy data sheet, simple formulas or tables for the measures, and charts linked to them. A good exchange ends with a template the team can keep adding to without help, and a short note on how it works.",
  },
  "r-for-qi": {
    whatItIs:
      "R is a free programming language for statistics and charts. With packages built for improvement work, such as NHS-R's tools for SPC charts, it can produce run and SPC charts and whole reports from raw data with one command, the same way every time.",
    whenToUse:
      "Use it when the same analysis is repeated every week or month, when there are many wards or measures to chart, or when a team wants reproducible reports rather than hand-made slides. It suits analysts and clinicians who are comfortable learning a little code.",
    goodExchange:
      "The helper checks that the member can run R where they work, then writes a short script with them that reads their data and produces the charts they need. A good exchange ends with a working script the member understands well enough to change, and pointers to the NHS-R Community for further help.",
  },
  "power-bi-for-qi": {
    whatItIs:
      "Power BI is Microsoft's reporting tool, used by many NHS organisations for dashboards that refresh from live data. For improvement work it can show measures over time with medians or control limits, filtered by ward, team or site.",
    whenToUse:
      "Use it when a measure needs to be seen by many teams or refreshed automatically, such as a trust-wide programme or a system-wide dashboard. Check first with your information team about data access and the organisation's Power BI setup.",
    goodExchange:
      "The helper agrees with the member which measures and views matter, then builds or improves a report page with them, including run or SPC charts rather than only month-on-month comparisons. A good exchange ends with a report the team can use, and with the member knowing how to maintain it or who to ask.",
  },
  "survey-design": {
    whatItIs:
      "Survey design is writing short, clear questions for staff, patients or carers that give honest, useful answers. It covers choosing what to ask, wording questions without leading people, picking the right answer scales, deciding who to ask and how, and making sense of the replies.",
    whenToUse:
      "Use it when a project needs to understand experiences or views that routine data does not capture, or to measure whether people notice a change. Think first about whether a few conversations would tell you more than a survey would.",
    goodExchange:
      "The helper reviews the draft survey with the member, cuts it to the questions that will change what the team does, rewrites anything unclear or leading, and checks it is accessible. A good exchange ends with a short tested survey, a plan for reaching people, and an idea of how the answers will be analysed.",
  },
  "pdsa-coaching": {
    whatItIs:
      "Plan-Do-Study-Act (PDSA) cycles are small, quick tests of a change. The team plans the test and writes down what it predicts will happen, does it on a small scale, studies the results against the prediction, and acts: adopting, adapting or abandoning the change before the next cycle.",
    whenToUse:
      "Use it whenever a team has a change idea, before rolling it out widely. Start very small (one patient, one clinic, one shift) and build up, so that failures are cheap and learning is fast.",
    goodExchange:
      "The helper works through a real change idea with the team, helps write a clear plan and prediction, and makes sure the first test is small enough to run this week. A good exchange includes a follow-up to study the result together, and leaves the team with a simple way of recording cycles so that one builds on the last.",
  },
  "model-for-improvement": {
    whatItIs:
      "The Model for Improvement, developed by Associates in Process Improvement and used by the Institute for Healthcare Improvement, frames a project with three questions: what are we trying to accomplish, how will we know that a change is an improvement, and what change can we make that will result in improvement? The answers are then tested with PDSA cycles.",
    whenToUse:
      "Use it at the start of almost any improvement project, to set a clear aim, choose measures and agree what to test. It is the most widely taught method in UK health care, so it also gives teams a shared language.",
    goodExchange:
      "The helper takes the project lead or team through the three questions, pressing for an aim that says how much, by when and for whom. A good exchange ends with a written aim, a first set of measures and change ideas, and the first PDSA cycle planned.",
  },
  "project-scoping": {
    whatItIs:
      "Project scoping turns a broad worry (“our discharges are too slow”) into a project a team can finish: a clear aim, what is in and out of scope, who is involved, the timescale and the resources. A project charter writes this down on one or two pages that the team and its sponsor agree.",
    whenToUse:
      "Use it before starting any project, and again when a project has grown too big or lost focus. It is especially useful for trainees and staff doing a project alongside their clinical work, who have limited time.",
    goodExchange:
      "The helper listens to the problem, helps the member narrow it to something achievable in the time they have, and drafts the charter with them. A good exchange ends with a one-page charter, a named sponsor to take it to, and a realistic first step.",
  },
  facilitation: {
    whatItIs:
      "Workshop facilitation is planning and running a meeting or workshop so that everyone contributes and the group reaches decisions. A facilitator looks after the process (the purpose, the agenda, the activities and the time) so the group can concentrate on the content.",
    whenToUse:
      "Use it for any session that brings different professions or patients together: mapping a process, agreeing priorities, co-designing a change or reviewing results. A neutral facilitator is most valuable when there are strong views or differences in seniority in the room.",
    goodExchange:
      "The helper agrees the purpose and the outcome wanted with the organiser, designs the session with activities that give quieter voices equal space, and facilitates it on the day. A good exchange ends with clear decisions and actions written up, and the organiser having learned techniques to use themselves.",
  },
  "patient-carer-involvement": {
    whatItIs:
      "Patient and carer involvement means working with people who use services as equal partners in improvement: in deciding what to improve, designing changes, and judging whether they worked. It goes beyond asking for feedback, and includes paying people for their time and making meetings accessible.",
    whenToUse:
      "Use it from the very start of a project, not once the plans are made. It matters most where the people affected are seldom heard, and where staff and patients may see a problem differently.",
    goodExchange:
      "The helper, often a patient partner or an experienced involvement lead, helps the team plan who to involve and how, including practicalities such as payment, accessibility and support. A good exchange ends with a realistic involvement plan and, often, an introduction to people or groups who want to take part.",
  },
  "experience-based-codesign": {
    whatItIs:
      "Experience-based co-design (EBCD) brings patients, carers and staff together to improve a service using their experiences. It gathers stories through interviews and observation, often as a short film, finds the “touch points” where experience is shaped most, and then has patients and staff design improvements together.",
    whenToUse:
      "Use it when the aim is to improve how care feels to the people receiving and giving it, such as in cancer, mental health or end-of-life services. Full EBCD takes months; an accelerated version using existing interview films is quicker.",
    goodExchange:
      "The helper explains the stages and helps the team decide how much of the approach they can realistically do, then supports one stage, such as planning interviews or running a joint patient and staff event. A good exchange ends with a clear plan and the team confident about its next step.",
  },
  "improvement-coaching": {
    whatItIs:
      "Improvement coaching is a regular, structured conversation that helps a person or team move their project forward. The coach asks questions more than giving answers, helps the team reflect on their data and PDSA cycles, and helps them find a way past obstacles.",
    whenToUse:
      "Use it throughout a project, typically every two to four weeks, and especially when a project stalls or the team is new to improvement. It suits project leads who have been taught the methods but need support in applying them.",
    goodExchange:
      "The helper agrees with the member how often they will meet and what the member wants from it, then uses each session to review progress, data and next tests. A good exchange leaves the member with clear next steps after every session, and more able to coach others over time.",
  },
  "writing-for-publication": {
    whatItIs:
      "Writing up QI means turning a project into a report, abstract, poster or paper that others can learn from. The SQUIRE 2.0 guidelines (Standards for Quality Improvement Reporting Excellence) give a structure: the problem, what is already known, the rationale, the context, the interventions, the study of them, the results and what they mean.",
    whenToUse:
      "Use it when a project has results worth sharing, whether it worked or not, for a conference abstract, a journal such as BMJ Open Quality, or a portfolio. Planning the write-up early makes it much easier to collect what is needed.",
    goodExchange:
      "The helper reads the member's draft or project notes, maps them against the SQUIRE headings, and points out what is missing, especially context and the study of the interventions. A good exchange ends with a clear structure, a stronger draft, and ideas for where to submit it.",
  },
  "sustainability-spread": {
    whatItIs:
      "Sustainability is making sure an improvement lasts once the project team moves on; spread is helping it work in other teams or sites. Both depend on building the change into routines, roles, systems and measurement, and on understanding which parts are essential and which can be adapted locally.",
    whenToUse:
      "Use it from the middle of a project, not only at the end, once a change is showing results. Tools such as the NHS Sustainability Model help a team score the risks to their change and act on them.",
    goodExchange:
      "The helper works through what the change depends on with the team, identifies the risks to it lasting, and helps plan how to hand it over or spread it. A good exchange ends with a sustainability plan, agreed owners for the measures, and a clear description of the change for the next team.",
  },
  "presenting-improvement": {
    whatItIs:
      "Presenting improvement work is telling the story of a project clearly and briefly, on a poster, in slides or in a short talk. A good presentation explains the problem, what the team tried, what the data showed and what others can learn from it, using charts over time rather than before-and-after numbers.",
    whenToUse:
      "Use it when sharing a project at a team meeting, a board, a regional event or a conference, or when asking for support to spread it. It is also a good way for trainees to evidence their improvement work.",
    goodExchange:
      "The helper reviews the draft poster or slides with the member, helps find the one message the audience should remember, and tightens the story and the charts. A good exchange ends with a clearer presentation and, if there is time, a practice run with feedback.",
  },
};
