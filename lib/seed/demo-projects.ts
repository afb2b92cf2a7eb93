// The demo bank's projects (lib/seed/demo-improvement.ts calls this).
import type { ImprovementSeedContext } from "./demo-improvement";

export async function seedDemoProjects(_ctx: ImprovementSeedContext): Promise<string> {
  return "";
}
