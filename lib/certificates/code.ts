// Verification codes: 12 characters from an alphabet without the ones people misread (no I, O, 0
// or 1), printed as XXXX-XXXX-XXXX. 32 characters, so each random byte gives one character without
// bias (256 is a multiple of 32), and a code is one of 32^12 (about 10^18): guessing one that
// exists is hopeless, which is why the public verification page needs no other secret.
import { randomBytes } from "node:crypto";

export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 12;
/** The format the certificates_code_format CHECK enforces. */
export const CODE_PATTERN = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

/** 12 characters in groups of four. */
export function formatCode(chars: string): string {
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** A new code from `bytes` (crypto-random unless given: the demo seed passes its own, for a repeatable bank). */
export function newCertificateCode(bytes: Uint8Array = randomBytes(CODE_LENGTH)): string {
  let chars = "";
  for (let i = 0; i < CODE_LENGTH; i++) chars += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length];
  return formatCode(chars);
}

/** The longest text worth reading as a code (anything longer is not one). */
export const MAX_TYPED_CODE_CHARS = 40;

/**
 * A code as someone typed it, made canonical: any case, spaces and dashes anywhere (or none).
 * Null when what is left is not 12 characters of the alphabet.
 */
export function normaliseCode(typed: string): string | null {
  if (typed.length > MAX_TYPED_CODE_CHARS) return null;
  const chars = typed.toUpperCase().replace(/[\s\-‐‑–—]/g, "");
  if (chars.length !== CODE_LENGTH) return null;
  for (const c of chars) if (!CODE_ALPHABET.includes(c)) return null;
  return formatCode(chars);
}
