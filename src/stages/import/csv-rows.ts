/**
 * A row's text as written, from the bytes between the previous record's end and its own: without
 * the blank lines skipped before it, a BOM, or its line ending. What rejected.jsonl shows of a row
 * that never became a record.
 */
export const rowText = (between: string): string => between.replace(/^\ufeff?(?:\r?\n)*/, '').replace(/\r?\n$|\r$/, '');

/** How many blank lines `rowText` took off the front (the row starts that many lines further down). */
export const leadingBlankLines = (between: string): number => /^\ufeff?((?:\r?\n)*)/.exec(between)![1]!.split('\n').length - 1;

/**
 * The line on which field `index` of a row starts: the row's first line plus the line breaks inside
 * the fields before it (a quoted field may span lines). Quotes toggle, so a doubled quote `""`
 * inside a quoted field leaves the state as it was.
 */
export const fieldStartLine = (row: string, firstLine: number, index: number, delimiter: string): number => {
  let field = 0;
  let quoted = false;
  let breaks = 0;
  for (let i = 0; i < row.length && field < index; i++) {
    const c = row[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n') breaks++;
    else if (!quoted && row.startsWith(delimiter, i)) {
      field++;
      i += delimiter.length - 1;
    }
  }
  return firstLine + breaks;
};
