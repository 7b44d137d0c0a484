// Character codes the JSON readers compare against, named once (charCodeAt is the fast path).
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const LBRACK = 0x5b;
export const RBRACK = 0x5d;
export const COMMA = 0x2c;
export const LF = 0x0a;

/** JSON whitespace: space, LF, CR, tab. */
export const isWs = (c: number): boolean => c === 0x20 || c === LF || c === 0x0d || c === 0x09;
