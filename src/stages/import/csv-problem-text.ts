import type { CsvError } from 'csv-parse';
import { excerpt } from './excerpt.js';

/** Header names listed in an error at most; a header of thousands of columns is not read by anyone. */
const LISTED_COLUMNS = 12;

/** The header row as an error quotes it: each name cut to a short excerpt, at most 12 of them. */
export const headerText = (header: readonly string[]): string => {
  const names = header.slice(0, LISTED_COLUMNS).map((h) => `"${excerpt(h, 40)}"`);
  if (header.length > LISTED_COLUMNS) names.push(`and ${header.length - LISTED_COLUMNS} more`);
  return names.join(', ');
};

const CANDIDATES = [';', '\t', '|', ','];

/**
 * A one-column header that holds another common separator means the file is separated by it:
 * `; the header has one column; is the file separated by ';'? (delimiter: ';')`, or '' when not.
 */
export const delimiterHint = (header: readonly string[], delimiter: string): string => {
  if (header.length !== 1) return '';
  const counts = CANDIDATES.filter((c) => c !== delimiter)
    .map((c) => [c, header[0]!.split(c).length - 1] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const best = counts[0]?.[0];
  if (best === undefined) return '';
  const name = best === '\t' ? 'tabs' : `'${best}'`;
  return `; the header has one column; is the file separated by ${name}? (delimiter: ${JSON.stringify(best).replace(/^"|"$/g, "'")})`;
};

/**
 * csv-parse's message in fewer, truer words. Its line for a quote never closed is where the input
 * ended, which read as if the error were there; other messages may quote a field's value, which
 * can be megabytes, so they are cut to an excerpt.
 */
export const csvSyntaxText = (error: CsvError): string => {
  const lines = (error as CsvError & { lines?: unknown }).lines;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return `Quote Not Closed: a quote opened in this row is never closed (the input ends inside it${typeof lines === 'number' ? `, at line ${lines}` : ''})`;
  // Its own 'at line N' is where the parser was, which may be rows past the bad field: left out.
  return excerpt(error.message.replace(/ at line \d+/, ''), 160);
};
