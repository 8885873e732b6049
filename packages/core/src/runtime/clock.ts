/** Time is injected so tests control it; services never call `new Date()` themselves. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
