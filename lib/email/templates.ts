// Plain, short emails: a text part that reads well on its own and a simple HTML part.
const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** An email with a heading, paragraphs and one button. */
export function simpleEmail(opts: {
  bankName: string;
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}): EmailContent {
  const { bankName, subject, heading, paragraphs, action, footer } = opts;
  const text = [
    heading,
    "",
    ...paragraphs.flatMap((p) => [p, ""]),
    ...(action ? [`${action.label}: ${action.url}`, ""] : []),
    footer ?? `${bankName}: one hour given, one hour to spend.`,
  ].join("\n");
  const html = `<!doctype html><html lang="en-GB"><body style="margin:0;background:#f0f4f5;font-family:system-ui,Segoe UI,Arial,sans-serif;color:#1d2a33">
<div style="max-width:560px;margin:0 auto;padding:24px">
<p style="font-weight:700;color:#004f9c;margin:0 0 16px">${escapeHtml(bankName)}</p>
<div style="background:#fff;border:1px solid #d8dde0;border-radius:12px;padding:24px">
<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(heading)}</h1>
${paragraphs.map((p) => `<p style="line-height:1.5;margin:0 0 12px">${escapeHtml(p)}</p>`).join("\n")}
${action ? `<p style="margin:20px 0"><a href="${escapeHtml(action.url)}" style="background:#005eb8;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(action.label)}</a></p><p style="font-size:13px;color:#425563;word-break:break-all">${escapeHtml(action.url)}</p>` : ""}
</div>
<p style="font-size:13px;color:#425563;margin-top:16px">${escapeHtml(footer ?? `${bankName}: one hour given, one hour to spend.`)}</p>
</div></body></html>`;
  return { subject, text, html };
}

export function signInEmail(bankName: string, url: string, minutes: number): EmailContent {
  return simpleEmail({
    bankName,
    subject: `Your sign-in link for ${bankName}`,
    heading: `Sign in to ${bankName}`,
    paragraphs: [
      `Use the button below to sign in. The link works once and expires in ${minutes} minutes.`,
      "If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.",
    ],
    action: { label: "Sign in", url },
  });
}
