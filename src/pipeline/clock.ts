/** Time is injected so tests never depend on today's date (model shutdown dates, run ids). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const fixedClock = (iso: string): Clock => {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error(`not a date: ${iso}`);
  return { now: () => new Date(at) };
};
