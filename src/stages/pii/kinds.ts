/** The kinds of personal data and secrets the PII stage finds, in the order they are reported. */
export const PII_KINDS = ['secret', 'email', 'iban', 'card', 'ip_address', 'phone'] as const;

export type PiiKind = (typeof PII_KINDS)[number];

/** What replaces a match: one placeholder per kind, so training text keeps its shape. */
export const PLACEHOLDERS: Record<PiiKind, string> = {
  secret: '<SECRET>',
  email: '<EMAIL>',
  iban: '<IBAN>',
  card: '<CARD>',
  ip_address: '<IP_ADDRESS>',
  phone: '<PHONE>',
};

/** A half-open range [start, end) of the original text. */
export interface Span {
  start: number;
  end: number;
}

export interface PiiSpan extends Span {
  kind: PiiKind;
}

/** A detector returns the spans it accepts in (already partly masked) text. */
export type Detector = (text: string) => Span[];
