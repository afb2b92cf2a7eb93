// What the excellence writes return, and the link a notification carries.
export interface ReportRecord {
  id: string;
  authorId: string;
  recipientId: string;
  exchangeId: string | null;
  shownOnProfile: boolean;
}

export const REPORT_RECORD_SELECT = {
  id: true,
  authorId: true,
  recipientId: true,
  exchangeId: true,
  shownOnProfile: true,
} as const;

export const REPORT_NOUN = "That report";

export const reportLink = (id: string) => `/excellence/${id}`;
