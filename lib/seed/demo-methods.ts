// The demo bank's method library (lib/seed/demo-improvement.ts calls this): a page for every skill,
// from the library's written content (lib/seed/method-content.ts), as of the seed's "now".
import { addMissingMethodPages } from "../methods/seed-pages";
import type { ImprovementSeedContext } from "./demo-improvement";

export async function seedDemoMethods({ tx, now }: ImprovementSeedContext): Promise<string> {
  const pages = await addMissingMethodPages(tx, now);
  return `${pages} method pages`;
}
