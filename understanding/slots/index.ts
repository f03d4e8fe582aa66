/** The slot readers: what a resident's words fill in a question (dialogs call these; none keeps its own word lists). */
export { addressIn, isVagueLocation, readAddress } from './address.js';
export { type Choice, choiceMentioned, choicesMentioned, readChoice } from './choice.js';
export { matchChoice } from './choice-match.js';
export { countOf, readCount, readDuration, timeUnitOf } from './count.js';
export { type DateContext, dateMentioned, readDate, speaksOfTime, zoneOffsetMinutes } from './date.js';
export { placesIn, positionChoice } from './position.js';
export { isSizeList, readSize, type SizeReading, sizeChoice, sizeMentioned } from './size.js';
export { SlotSpeller } from './spelling.js';
export * from './text-intents.js';
export { findTrackingNumber } from './tracking-number.js';
export { isSkip, leadingYesNo, readYesNoSkip, type YesNoSkip } from './yes-no-skip.js';
