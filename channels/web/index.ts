export { CONTENT_SECURITY_POLICY, escapeHtml, html, SafeHtml } from './html.js';
export { renderMarkdown } from './kb-pages.js';
export { STAFF_COOKIE, StaffAuth } from './staff-auth.js';
export { createStaffRouter, type StaffRouter, type StaffRouterDeps } from './staff-router.js';
export {
  consoleQuestionRunner,
  isPass,
  MAX_TEST_QUESTIONS,
  parseTestSet,
  type QuestionRunner,
  runTestSet,
  type TestQuestion,
  type TestSetReport,
} from './test-set.js';
export {
  createWebChannel,
  STAFF_TEST_CHANNEL_ID,
  type WebChannel,
  type WebChannelDeps,
} from './web-channel.js';
export { createWebRouter, type WebRouterDeps, webChatBundlePath } from './web-router.js';
