// What a report of excellence can recognise (the excellence_theme enum), with the words members
// and admins see. Client-safe: the report form lists these.
export const EXCELLENCE_THEMES = [
  "teamwork",
  "patient_focus",
  "measurement",
  "leadership",
  "sharing_learning",
  "kindness",
  "creativity",
  "safety",
] as const;

export type ExcellenceThemeValue = (typeof EXCELLENCE_THEMES)[number];

export const THEME_LABELS: Record<ExcellenceThemeValue, string> = {
  teamwork: "Teamwork",
  patient_focus: "Putting patients first",
  measurement: "Using data and measurement",
  leadership: "Leadership",
  sharing_learning: "Sharing learning",
  kindness: "Kindness and compassion",
  creativity: "Creative thinking",
  safety: "Safety",
};

export function themeLabel(theme: string): string {
  return (THEME_LABELS as Record<string, string>)[theme] ?? theme;
}
