// The fuzz models of the methods actions, keyed by matrix id (tests/security/fuzz-models.ts explains them).
import { id, text, type ActionModel } from "./fuzz-kit";

const PART = (...valid: string[]) => text([20, 2000], ...valid);

export const METHODS_MODELS: Record<string, ActionModel> = {
  "app/methods/actions.ts#saveMethodPageAction": {
    caller: "admin",
    keepsSetup: true,
    fields: {
      skillId: id("skill", "other.member", "other.listing"),
      whatItIs: PART("A way of plotting data over time with its median.", "Une méthode simple ✓ – plotting 📈 over time."),
      whenToUse: PART("As soon as a project has about ten data points.", "Two lines\nof text\twith a tab, long enough."),
      goodExchange: PART("A chart built together from the member's own data.", "<b>Bold</b> & 'quoted' – a good exchange."),
    },
  },
};
