// The demo bank's methods (lib/seed/demo-improvement.ts calls this).
import type { ImprovementSeedContext } from "./demo-improvement";

export async function seedDemoMethods(_ctx: ImprovementSeedContext): Promise<string> {
  return "";
}
