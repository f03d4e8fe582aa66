/** Time comes from an injected clock so tests can fix dates. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
