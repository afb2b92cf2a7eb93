import { themeLabel } from "@/lib/excellence/themes";

/** A report's themes as small tags. */
export function ThemeTags({ themes }: { themes: string[] }) {
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Themes">
      {themes.map((t) => (
        <li key={t} className="badge tone-brand">
          {themeLabel(t)}
        </li>
      ))}
    </ul>
  );
}
