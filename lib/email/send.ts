// All email leaves through sendEmail: SMTP (nodemailer) when SMTP_URL is set; outside production
// without SMTP, the development mailbox (a table shown at /dev/mailbox) and the server log.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db, type PrismaClient } from "../db/client";
import { devMailboxEnabled, emailFrom, smtpUrl } from "../config";

export interface Email {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
  if (transport?.url !== url) {
    transport = { url, transporter: nodemailer.createTransport(url) };
  }
  return transport.transporter;
}

export class EmailNotConfiguredError extends Error {
  constructor() {
    super("Email cannot be sent: SMTP_URL is not set (required in production).");
    this.name = "EmailNotConfiguredError";
  }
}

export async function sendEmail(email: Email, database: Pick<PrismaClient, "devMail"> = db()): Promise<void> {
  const url = smtpUrl();
  if (url) {
    const result = await transporterFor(url).sendMail({ from: emailFrom(), ...email });
    const refused = [...(result.rejected ?? []), ...(result.pending ?? [])].filter(Boolean);
    if (refused.length > 0) throw new Error(`The mail server refused ${refused.length} recipient(s).`);
    return;
  }
  if (!devMailboxEnabled()) throw new EmailNotConfiguredError();
  await database.devMail.create({ data: email });
  console.log(`[mail] to ${email.to}: ${email.subject}\n${email.text}\n`);
}
