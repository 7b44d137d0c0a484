/** The compared text: string fields as they are, anything else as JSON, so numbers and lists count too. */
export const textOf = (data: Record<string, unknown>, fields: readonly string[]): string =>
  fields
    .map((f) => data[f])
    .filter((v) => v !== undefined && v !== null)
    .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    .join(' ');
