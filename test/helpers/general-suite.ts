// A small general-knowledge suite (chat JSONL, lettered options, one correct letter each), the kind
// of file a user keeps beside a task's held-out split to see whether fine-tuning cost the model what
// it knew before. Questions written for these tests.

const QUESTIONS: [question: string, options: string[], answer: string][] = [
  ['Which planet is closest to the Sun?', ['Venus', 'Mercury', 'Mars', 'Earth'], 'B'],
  ['What is the boiling point of water at sea level in degrees Celsius?', ['90', '100', '110', '120'], 'B'],
  ['How many sides does a hexagon have?', ['Five', 'Six', 'Seven', 'Eight'], 'B'],
  ['Which gas do plants take in for photosynthesis?', ['Oxygen', 'Nitrogen', 'Carbon dioxide', 'Helium'], 'C'],
  ['What is 7 multiplied by 8?', ['54', '56', '58', '64'], 'B'],
  ['Which ocean is the largest?', ['Atlantic', 'Indian', 'Arctic', 'Pacific'], 'D'],
  ['Which of these is a prime number?', ['21', '27', '29', '33'], 'C'],
  ['What is the chemical symbol for gold?', ['Ag', 'Au', 'Gd', 'Go'], 'B'],
  ['How many minutes are in three hours?', ['120', '150', '180', '200'], 'C'],
  ['Which organ pumps blood around the body?', ['Liver', 'Lungs', 'Kidney', 'Heart'], 'D'],
  ['What is the freezing point of water in degrees Fahrenheit?', ['0', '32', '50', '100'], 'B'],
  ['Which continent is Kenya in?', ['Asia', 'South America', 'Africa', 'Europe'], 'C'],
];

const SYSTEM = 'Answer the multiple-choice question with the letter of the correct option only.';

/** The suite as chat JSONL: system, the question with its options on lettered lines, the answer letter. */
export const generalSuiteJsonl = (): string =>
  QUESTIONS.map(([question, options, answer]) =>
    JSON.stringify({
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: `${question}\n\n${options.map((o, i) => `${String.fromCharCode(65 + i)}. ${o}`).join('\n')}` },
        { role: 'assistant', content: answer },
      ],
    }),
  ).join('\n') + '\n';

export const GENERAL_SUITE_SIZE = QUESTIONS.length;
