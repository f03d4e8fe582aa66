import type { EmergencyScreen } from '../../bot/emergency-middleware.js';

/**
 * A minimal stand-in for understanding/emergency/ in dialog tests: the pipeline's
 * behaviour on an emergency is under test here, not the screen's word lists.
 */
export const fakeEmergencyScreen: EmergencyScreen = {
  screen: (text) =>
    /\b(fire|gas leak|gun|not breathing)\b/i.test(text)
      ? { emergency: true, reason: 'test' }
      : { emergency: false },
  reply: () => 'This sounds like an emergency. Call 911 now.',
  possibleLine: () => 'If anyone is in danger, call 911 now.',
};
