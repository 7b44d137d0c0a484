/** Edit rates per word for planted copies: from exact copies to clearly different texts, dense around J = 0.8. */
export const RATES = [0, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.05, 0.07, 0.1, 0.15, 0.25] as const;
