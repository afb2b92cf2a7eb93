// The demo bank's excellence (lib/seed/demo-improvement.ts calls this).
import type { ImprovementSeedContext } from "./demo-improvement";

export async function seedDemoExcellence(_ctx: ImprovementSeedContext): Promise<string> {
  return "";
}
