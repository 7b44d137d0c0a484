/** ANSI styles for the transcript; every one is the identity when colour is off. */
export interface Paint {
  header: (s: string) => string;
  dim: (s: string) => string;
  role: (role: string, s: string) => string;
  good: (s: string) => string;
  bad: (s: string) => string;
  code: (s: string) => string;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const plain = (s: string) => s;

const ROLE_STYLES: Record<string, (s: string) => string> = {
  system: sgr(35, 39),
  developer: sgr(35, 39),
  user: sgr(34, 39),
  assistant: sgr(32, 39),
  tool: sgr(33, 39),
  function: sgr(33, 39),
};

export const makePaint = (colour: boolean): Paint =>
  colour
    ? {
        header: (s) => sgr(1, 22)(sgr(36, 39)(s)),
        dim: sgr(2, 22),
        role: (role, s) => sgr(1, 22)((ROLE_STYLES[role] ?? plain)(s)),
        good: sgr(32, 39),
        bad: sgr(31, 39),
        code: sgr(33, 39),
      }
    : { header: plain, dim: plain, role: (_role, s) => s, good: plain, bad: plain, code: plain };

/** Colour only on a terminal, and never when NO_COLOR is set to anything but "" (no-color.org). */
export const wantsColour = (stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean =>
  stream.isTTY === true && !env['NO_COLOR'];
