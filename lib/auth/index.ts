// next-auth: sign-in by emailed link (the Nodemailer provider with our own sender), users and
// sessions in PostgreSQL through the Prisma adapter. The adapter stores only a hash of each
// link's token and deletes it when used, so a link works once; it expires after 10 minutes.
import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import { captureRequestContext, withRequestContext } from "../audit/context";
import { writeAudit } from "../audit/write";
import { db } from "../db/client";
import { getBankName } from "../bank/public";
import { SESSION_MAX_AGE_SECONDS, SIGN_IN_LINK_MAX_AGE_SECONDS, smtpUrl } from "../config";
import { sendEmail } from "../email/send";
import { signInEmail } from "../email/templates";
import { safeCallbackUrl } from "./callback-url";
import { normaliseEmail } from "./email-address";

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: PrismaAdapter(db()),
  session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS },
  trustHost: true,
  pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/error" },
  providers: [
    Nodemailer({
      // Only read when no sender is given; ours (below) picks SMTP or the development mailbox.
      server: smtpUrl() ?? "smtp://127.0.0.1:25",
      maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
      normalizeIdentifier: normaliseEmail,
      async sendVerificationRequest({ identifier, url }) {
        const bankName = await getBankName();
        await sendEmail({ to: identifier, ...signInEmail(bankName, url, SIGN_IN_LINK_MAX_AGE_SECONDS / 60) });
      },
    }),
  ],
  events: {
    // Sign-ins and sign-outs go to the audit log with the address they came from.
    async signIn({ user }) {
      await auditSession("auth.sign_in", user?.id ?? null);
    },
    async signOut(message) {
      await auditSession("auth.sign_out", "session" in message && message.session ? message.session.userId : null);
    },
  },
  callbacks: {
    // After signing in, only a path inside this app: the origin is never taken from the link.
    redirect({ url, baseUrl }) {
      let path = "/dashboard";
      try {
        const parsed = new URL(url, baseUrl);
        path = safeCallbackUrl(`${parsed.pathname}${parsed.search}`);
      } catch {
        // not a URL: the default path
      }
      return `${baseUrl}${path}`;
    },
    session({ session, user }) {
      // Only the id travels with the session: status and role are read fresh on every request.
      return { ...session, user: { id: user.id, email: user.email, name: user.name } };
    },
  },
}));

async function auditSession(action: "auth.sign_in" | "auth.sign_out", memberId: string | null): Promise<void> {
  try {
    const context = await captureRequestContext();
    await withRequestContext(context, () => writeAudit(db(), { actorId: memberId, action, targetType: "member", targetId: memberId ?? undefined }));
  } catch (err) {
    console.error(`[audit] could not record ${action}`, err);
  }
}
