// A real SMTP listener for the whole browser run (the web server sends all its email to it).
// Each message is appended to a JSON-lines file that tests/e2e/support.ts reads.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { E2E_SMTP_PORT } from "../../playwright.config";
import { startSmtpListener } from "../helpers/smtp";

export const MAILBOX_FILE = path.resolve(import.meta.dirname, "../../.data/e2e-mail.jsonl");

export default async function globalSetup() {
  mkdirSync(path.dirname(MAILBOX_FILE), { recursive: true });
  writeFileSync(MAILBOX_FILE, "");
  const smtp = await startSmtpListener(E2E_SMTP_PORT, (m) => {
    appendFileSync(MAILBOX_FILE, JSON.stringify({ to: m.to, subject: m.subject, text: m.text, html: m.html, at: Date.now() }) + "\n");
  });
  return async () => smtp.close();
}
