import { simplify } from './simplify.js';
import { readYesNoSkip } from './yes-no-skip.js';

/**
 * What a short message means when it is not a question for the knowledge base:
 * a greeting, a request for the menu, a cancel, a yes or a no. Pure functions
 * over a simplified form of the text (lower case, no accents, no punctuation).
 */
export { simplify };

/** True when the text has something to read: at least one letter or digit. */
export function hasWords(text: string | undefined): boolean {
  return text !== undefined && /[\p{L}\p{N}]/u.test(text);
}

const GREETING =
  /^(hi|hii+|hello|helo|hey|heya|hiya|howdy|yo|hola|buenas|buenos dias|buenas tardes|buenas noches|good (morning|afternoon|evening)|greetings|get started|start over|restart)( there| 311| bot| city)?$/;
const MENU =
  /^(menu|main menu|help|help me|options|what can you do|what can i ask|what do you do|how does this work|ayuda|menu principal|que puedes hacer)$/;
const CANCEL =
  /^(cancel|cancel that|cancel it|never ?mind|forget it|quit|exit|start over|cancelar|olvidalo)$/;
const YES =
  /^(yes|y|ya|yeah|yea|yep|yup|sure|ok|okay|k|please|yes please|yes thanks|si|claro|report it|do it|go ahead|of course|absolutely|definitely)$/;
const NO = /^(no|n|nope|nah|no thanks|no thank you|not now|later|no gracias|not really)$/;
const REPORT =
  /^(report|report a problem|report an issue|report something|make a report|file a report|new report|i want to report something|reportar|reportar un problema)$/;

export const isGreeting = (text: string): boolean => GREETING.test(simplify(text));
export const isMenuRequest = (text: string): boolean => MENU.test(simplify(text));
export const isCancel = (text: string): boolean => CANCEL.test(simplify(text));
export const isYes = (text: string): boolean => YES.test(simplify(text)) || readYesNoSkip(text) === 'yes';
export const isNo = (text: string): boolean => NO.test(simplify(text)) || readYesNoSkip(text) === 'no';
/** A wish to report something, with nothing yet said about what. */
export const isGenericReport = (text: string): boolean => REPORT.test(simplify(text));
