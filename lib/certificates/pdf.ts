// The certificate as an A4 PDF, drawn with pdfkit: the bank's name, the member's name, the period,
// the hours given and the exchanges, tables by skill and by project, what the hours mean, the date
// issued and the verification code with the address where anyone can check it. pdfkit's standard
// fonts (Helvetica) are built in, so nothing is read from disk or the network; they cover the
// Windows-1252 letters (Western European), and other letters are printed without their accents
// (the verification page shows the name exactly as issued).
import PDFDocument from "pdfkit";
import { formatDay } from "../format/date";
import { formatMinutes } from "../format/minutes";
import { MEANING } from "./meaning";
import { describePeriod } from "./period";
import type { CertificateContent } from "./queries";


const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 64;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const BOTTOM = A4.height - 72;

const COLOUR = { ink: "#1d2a33", muted: "#425563", brand: "#005eb8", brandDark: "#002c57", line: "#d8dde0", tint: "#eef5fc" };

// Windows-1252 beyond ASCII: what the standard fonts can print.
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const PRINTABLE = (c: string) => {
  const n = c.codePointAt(0)!;
  return (n >= 0x20 && n <= 0x7e) || (n >= 0xa0 && n <= 0xff) || WIN_ANSI_EXTRA.has(c);
};
const FALLBACKS: Record<string, string> = { Ł: "L", ł: "l", Đ: "D", đ: "d", Ħ: "H", ħ: "h", ı: "i", ŀ: "l", Ŀ: "L", ſ: "s", "‐": "-", "‑": "-", "−": "-" };

/** Text the standard fonts can print: accents outside Windows-1252 dropped, anything else as "?". */
export function printable(text: string): string {
  let out = "";
  for (const c of text.normalize("NFC")) {
    if (PRINTABLE(c)) out += c;
    else if (FALLBACKS[c]) out += FALLBACKS[c];
    else {
      const base = c.normalize("NFKD").replace(/\p{M}/gu, "");
      out += [...base].every(PRINTABLE) && base !== "" ? base : /\s/.test(c) ? " " : "?";
    }
  }
  return out;
}

export interface PdfContext {
  bankName: string;
  /** Where anyone can check the certificate: APP_URL + /verify/<code>. */
  verifyUrl: string;
}

/** The certificate's PDF, as bytes. */
export function renderCertificatePdf(cert: CertificateContent, ctx: PdfContext): Promise<Buffer> {
  const bank = printable(ctx.bankName);
  const name = printable(cert.memberName);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: 40, left: MARGIN, right: MARGIN },
    info: {
      Title: `Certificate of hours given: ${name}`,
      Author: bank,
      Subject: `Hours given from ${describePeriod(cert.period)}. Verification code ${cert.code}.`,
      CreationDate: cert.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const frame = () => {
    doc.save().lineWidth(2).strokeColor(COLOUR.brand).rect(24, 24, A4.width - 48, A4.height - 48).stroke();
    doc.lineWidth(0.5).rect(30, 30, A4.width - 60, A4.height - 60).stroke().restore();
  };
  frame();
  doc.on("pageAdded", frame);

  const centred = (text: string, font: string, size: number, colour: string, gap = 0, options: PDFKit.Mixins.TextOptions = {}) => {
    doc.font(font).fontSize(size).fillColor(colour).text(text, MARGIN, doc.y, { width: CONTENT_WIDTH, align: "center", ...options });
    doc.y += gap;
  };
  const rule = (gap = 14) => {
    doc.save().moveTo(MARGIN, doc.y).lineTo(A4.width - MARGIN, doc.y).lineWidth(0.5).strokeColor(COLOUR.line).stroke().restore();
    doc.y += gap;
  };
  const ensureSpace = (height: number) => {
    if (doc.y + height > BOTTOM) {
      doc.addPage();
      doc.y = MARGIN;
    }
  };

  // Heading
  doc.y = 58;
  centred(bank.toUpperCase(), "Helvetica-Bold", 11, COLOUR.brand, 10, { characterSpacing: 1.5 });
  centred("Certificate of hours given", "Helvetica-Bold", 28, COLOUR.brandDark, 14);
  rule(18);
  centred("This is to certify that", "Helvetica", 12, COLOUR.muted, 6);
  centred(name, "Helvetica-Bold", 24, COLOUR.ink, 8);
  const exchanges = `${cert.exchangeCount} ${cert.exchangeCount === 1 ? "exchange" : "exchanges"}`;
  centred(
    `gave ${formatMinutes(cert.minutesGiven)} of help to other members of ${bank} from ${describePeriod(cert.period)}, in ${exchanges} that both members confirmed.`,
    "Helvetica",
    12,
    COLOUR.ink,
    20,
    { lineGap: 3 },
  );

  // The three figures
  const boxY = doc.y;
  const gap = 12;
  const boxWidth = (CONTENT_WIDTH - 2 * gap) / 3;
  const figures: [string, string][] = [
    ["Hours given", formatMinutes(cert.minutesGiven)],
    ["Exchanges", String(cert.exchangeCount)],
    ["Period", describePeriod(cert.period)],
  ];
  figures.forEach(([label, value], i) => {
    const x = MARGIN + i * (boxWidth + gap);
    doc.save().roundedRect(x, boxY, boxWidth, 62, 6).fillColor(COLOUR.tint).fill().restore();
    doc.font("Helvetica").fontSize(9).fillColor(COLOUR.muted).text(label.toUpperCase(), x + 10, boxY + 10, { width: boxWidth - 20, characterSpacing: 0.8 });
    const size = i === 2 ? 11 : 20;
    doc.font("Helvetica-Bold").fontSize(size).fillColor(COLOUR.brandDark).text(value, x + 10, boxY + 26, { width: boxWidth - 20 });
  });
  doc.y = boxY + 62 + 24;

  // Tables
  const table = (title: string, header: string, rows: { label: string; minutes: number }[], empty: string) => {
    ensureSpace(60);
    doc.font("Helvetica-Bold").fontSize(13).fillColor(COLOUR.brandDark).text(title, MARGIN, doc.y, { width: CONTENT_WIDTH });
    doc.y += 6;
    if (rows.length === 0) {
      doc.font("Helvetica").fontSize(10.5).fillColor(COLOUR.muted).text(empty, MARGIN, doc.y, { width: CONTENT_WIDTH });
      doc.y += 16;
      return;
    }
    const numWidth = 90;
    const labelWidth = CONTENT_WIDTH - numWidth - 8;
    const headRow = () => {
      doc.font("Helvetica-Bold").fontSize(9).fillColor(COLOUR.muted);
      const y = doc.y;
      doc.text(header.toUpperCase(), MARGIN, y, { width: labelWidth, characterSpacing: 0.6 });
      doc.text("HOURS", MARGIN + labelWidth + 8, y, { width: numWidth, align: "right", characterSpacing: 0.6 });
      doc.y = y + 14;
      rule(6);
    };
    headRow();
    for (const row of rows) {
      doc.font("Helvetica").fontSize(10.5);
      const label = printable(row.label);
      const height = doc.heightOfString(label, { width: labelWidth });
      if (doc.y + height + 8 > BOTTOM) {
        doc.addPage();
        doc.y = MARGIN;
        headRow();
      }
      const y = doc.y;
      doc.fillColor(COLOUR.ink).text(label, MARGIN, y, { width: labelWidth });
      doc.font("Helvetica-Bold").text(formatMinutes(row.minutes), MARGIN + labelWidth + 8, y, { width: numWidth, align: "right" });
      doc.y = y + height + 4;
      rule(6);
    }
    doc.y += 10;
  };
  table("Help given by skill", "Skill", cert.skills.map((s) => ({ label: s.name, minutes: s.minutes })), "");
  table(
    "Help given to improvement projects",
    "Project",
    cert.projects.map((p) => ({ label: p.title, minutes: p.minutes })),
    "None of this help was asked for as part of an improvement project recorded in the bank.",
  );

  // What it means
  ensureSpace(80);
  doc.font("Helvetica-Bold").fontSize(11).fillColor(COLOUR.brandDark).text("What this certificate means", MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.y += 4;
  doc.font("Helvetica").fontSize(10).fillColor(COLOUR.muted).text(MEANING, MARGIN, doc.y, { width: CONTENT_WIDTH, lineGap: 2 });
  doc.y += 18;

  // Issued and verification
  const footerHeight = 92;
  ensureSpace(footerHeight);
  const footerY = Math.max(doc.y, BOTTOM - footerHeight);
  doc.save().moveTo(MARGIN, footerY).lineTo(A4.width - MARGIN, footerY).lineWidth(1).strokeColor(COLOUR.brand).stroke().restore();
  const half = CONTENT_WIDTH / 2 - 8;
  doc.font("Helvetica").fontSize(9).fillColor(COLOUR.muted).text("ISSUED ON", MARGIN, footerY + 12, { width: half, characterSpacing: 0.8 });
  doc.font("Helvetica-Bold").fontSize(12).fillColor(COLOUR.ink).text(formatDay(cert.issuedAt), MARGIN, footerY + 26, { width: half });
  doc.font("Helvetica").fontSize(9).fillColor(COLOUR.muted).text(`Issued by ${bank}`, MARGIN, footerY + 44, { width: half });
  const right = MARGIN + half + 16;
  doc.font("Helvetica").fontSize(9).fillColor(COLOUR.muted).text("VERIFICATION CODE", right, footerY + 12, { width: half, align: "right", characterSpacing: 0.8 });
  doc.font("Courier-Bold").fontSize(15).fillColor(COLOUR.brandDark).text(cert.code, right, footerY + 25, { width: half, align: "right" });
  doc.font("Helvetica").fontSize(9).fillColor(COLOUR.muted).text("Anyone can check this certificate at", right, footerY + 44, { width: half, align: "right" });
  doc.font("Helvetica").fontSize(9).fillColor(COLOUR.brand).text(ctx.verifyUrl, right, footerY + 56, { width: half, align: "right", link: ctx.verifyUrl });

  doc.end();
  return done;
}
