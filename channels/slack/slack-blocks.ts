/**
 * Renders a bot reply for Slack: mrkdwn text, and choices as Block Kit
 * buttons whose press comes back as the choice's value.
 */
import type { Activity } from 'botbuilder';
import { choicesOf } from '../common/numbered-choices.js';

export const CHOICE_ACTION_PREFIX = 'choice_';
export const CHOICE_ACTION_PATTERN = /^choice_\d+$/;
/** Block Kit limits: button text 75 characters, value 2,000, section text 3,000, 25 elements per actions block. */
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;
const SECTION_TEXT_MAX = 3000;
const MAX_BUTTONS = 25;

export interface SlackMessage {
  readonly text: string;
  readonly blocks?: readonly Record<string, unknown>[];
}

const escapeSlack = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Light Markdown to Slack mrkdwn: **bold** -> *bold*, [text](url) -> <url|text>. */
export function markdownToMrkdwn(text: string): string {
  return escapeSlack(text)
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) => `<${url}|${label}>`)
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*');
}

const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 3)}...`);

export function renderSlack(activity: Partial<Activity>): SlackMessage {
  const text = markdownToMrkdwn(activity.text ?? '');
  const choices = choicesOf(activity).slice(0, MAX_BUTTONS);
  const links = (activity.attachments ?? [])
    .map((a) => a.contentUrl)
    .filter((u): u is string => typeof u === 'string' && /^https:\/\//.test(u));
  const fullText = [text, ...links].filter(Boolean).join('\n');
  if (choices.length === 0) return { text: fullText };
  const blocks: Record<string, unknown>[] = [];
  if (fullText)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(fullText, SECTION_TEXT_MAX) } });
  blocks.push({
    type: 'actions',
    block_id: 'choices',
    elements: choices.map((choice, i) => ({
      type: 'button',
      action_id: `${CHOICE_ACTION_PREFIX}${i}`,
      text: { type: 'plain_text', text: clip(choice.title, BUTTON_TEXT_MAX), emoji: true },
      value: choice.value.slice(0, BUTTON_VALUE_MAX),
    })),
  });
  const fallback = `${fullText}${fullText ? ' ' : ''}(${choices.map((c) => c.title).join(' / ')})`;
  return { text: fallback, blocks };
}
