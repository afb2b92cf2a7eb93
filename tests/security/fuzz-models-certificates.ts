// The fuzz models of the certificates actions, keyed by matrix id (tests/security/fuzz-models.ts explains them).
import type { ActionModel, FieldSpec } from "./fuzz-kit";
import { id } from "./fuzz-kit";
import type { RouteModel } from "./fuzz-models";

const DAY: FieldSpec = { kind: "date" };

export const CERTIFICATES_MODELS: Record<string, ActionModel> = {
  // Issuing the same period again returns the certificate already issued: the valid form stays valid.
  "app/certificates/actions.ts#issueCertificateAction": { caller: "party", keepsSetup: true, fields: { from: DAY, to: DAY } },
};

/** The certificate PDF's path segment: the party's own certificate, others' ids of every kind, malformed ones. */
export const CERTIFICATES_ROUTE_MODELS: Record<string, RouteModel> = {
  "GET /certificates/[id]/pdf": {
    caller: "party",
    path: (p) => `/certificates/${encodeURIComponent(p.id ?? "")}/pdf`,
    params: { id: id() },
    query: {},
  },
};
