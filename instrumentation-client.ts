// Runs in the browser before the app's own code (Next's instrumentation-client convention).
// Client forms import their limits from lib/*/schemas.ts, so zod builds schemas in the browser,
// and the first one probes whether eval works by calling `new Function("")`. Our
// Content-Security-Policy has no 'unsafe-eval': the browser refuses it and reports a violation,
// even though zod catches the error. Jitless mode (zod's own setting) skips the probe.
import { config } from "zod/v4/core";

config({ jitless: true });
