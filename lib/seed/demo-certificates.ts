// The demo bank's certificates (lib/seed/demo-improvement.ts calls this).
import type { ImprovementSeedContext } from "./demo-improvement";

export async function seedDemoCertificates(_ctx: ImprovementSeedContext): Promise<string> {
  return "";
}
