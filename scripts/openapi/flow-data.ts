// The data every flow sends: AR-LSAT-style chat and preference lines, and a strict answer schema.

export const question = (i: number) =>
  `Passage:\nSeven people sit in a row (game ${i}).\n\nQuestion:\nWhich seat can F take?\n\nOptions:\n${[...'ABCDE'].map((l, j) => `${l}. seat ${j + i}`).join('\n')}`;

export const chatLines = (n: number, from = 0) =>
  Array.from({ length: n }, (_, k) =>
    JSON.stringify({
      messages: [
        { role: 'system', content: 'Reply with the letter of the correct option only.' },
        { role: 'user', content: question(from + k) },
        { role: 'assistant', content: 'ABCDE'.charAt((from + k) % 5) },
      ],
    }),
  ).join('\n') + '\n';

export const dpoLines = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      input: { messages: [{ role: 'user', content: question(i) }] },
      preferred_output: [{ role: 'assistant', content: 'A' }],
      non_preferred_output: [{ role: 'assistant', content: 'B' }],
    }),
  ).join('\n') + '\n';

export const LETTER_SCHEMA = {
  type: 'json_schema',
  json_schema: {
    name: 'answer',
    strict: true,
    schema: {
      type: 'object',
      properties: { rationale: { type: 'string' }, answer: { type: 'string', enum: ['A', 'B', 'C', 'D', 'E'] }, confidence: { type: ['number', 'null'], minimum: 0, maximum: 1 } },
      required: ['rationale', 'answer', 'confidence'],
      additionalProperties: false,
    },
  },
};
