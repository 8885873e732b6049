import { postTextProblem } from '@tweetflow/x/rules';
import { hasExpression } from '../expressions/template-parts';
import { isTimeZone } from '../expressions/format-date';
import { TRIGGER } from '../graph';
import { cronProblem } from '../trigger-times';
import { asRecord, type RawDefinition, type RawNode } from './raw-definition';
import { problemAt, type WorkflowProblem } from './workflow-problem';

/**
 * Problems in parameter values the schema cannot judge alone: X accounts that are not this
 * workspace's, cron expressions and time zones, switch cases that clash with its fixed
 * branches, fixed dates and URLs that do not parse, and post texts X would refuse.
 *
 * @example
 * paramProblems(raw, { accountIds: ['acc_1'] }, input);
 * // [{ nodeId: 'post', field: 'params.accountId', message: "X account 'acc_9' is not connected to this workspace; …" }]
 */
export function paramProblems(raw: RawDefinition, context: { accountIds: readonly string[] }, input: unknown): WorkflowProblem[] {
  return [
    ...accountProblems(TRIGGER, raw.trigger.params, context.accountIds),
    ...triggerScheduleProblems(raw),
    ...settingsProblems(input),
    ...raw.nodes.flatMap((node) => (node.id === null ? [] : [...accountProblems(node.id, node.params, context.accountIds), ...nodeParamProblems(node, node.id)])),
  ];
}

function accountProblems(nodeId: string, params: unknown, accountIds: readonly string[]): WorkflowProblem[] {
  const accountId = asRecord(params).accountId;
  if (typeof accountId !== 'string' || accountId === '' || hasExpression(accountId) || accountIds.includes(accountId)) return [];
  const fix = accountIds.length === 0 ? 'connect an X account first' : "choose one of the workspace's connected accounts";
  return [problemAt(nodeId, ['params', 'accountId'], `X account '${accountId}' is not connected to this workspace; ${fix}.`)];
}

function triggerScheduleProblems(raw: RawDefinition): WorkflowProblem[] {
  const params = asRecord(raw.trigger.params);
  if (raw.trigger.type !== 'schedule' || params.mode !== 'cron' || typeof params.cron !== 'string') return [];
  const timezone = typeof params.timezone === 'string' ? params.timezone : 'UTC';
  if (!isTimeZone(timezone)) return [problemAt(TRIGGER, ['params', 'timezone'], timeZoneMessage('params.timezone', timezone))];
  const problem = cronProblem(params.cron, timezone);
  return problem === null ? [] : [problemAt(TRIGGER, ['params', 'cron'], problem)];
}

function settingsProblems(input: unknown): WorkflowProblem[] {
  const timezone = asRecord(asRecord(input).settings).timezone;
  if (typeof timezone !== 'string' || isTimeZone(timezone)) return [];
  return [problemAt(null, ['settings', 'timezone'], timeZoneMessage('settings.timezone', timezone))];
}

function nodeParamProblems(node: RawNode, nodeId: string): WorkflowProblem[] {
  const params = asRecord(node.params);
  const problems: WorkflowProblem[] = [];
  if (node.type === 'switch') problems.push(...switchCaseProblems(nodeId, params.cases));
  if (node.type === 'wait' && params.mode === 'until' && typeof params.at === 'string' && !hasExpression(params.at) && Number.isNaN(Date.parse(params.at))) {
    problems.push(problemAt(nodeId, ['params', 'at'], `params.at '${params.at}' is not a date and time; write one like 2025-06-07T09:00:00Z, or an expression.`));
  }
  if (node.type === 'http' && typeof params.url === 'string' && !hasExpression(params.url) && !isWebUrl(params.url)) {
    problems.push(problemAt(nodeId, ['params', 'url'], `params.url '${params.url}' is not an http(s) address; write a full URL like https://example.com/feed.json.`));
  }
  problems.push(...postTextProblems(node, nodeId, params));
  return problems;
}

/**
 * Texts X would refuse, written out rather than computed: empty (an x.post with media may
 * have no text) or too long as X counts them. Saving says so now rather than the first run.
 */
function postTextProblems(node: RawNode, nodeId: string, params: Record<string, unknown>): WorkflowProblem[] {
  const check = (field: Array<string | number>, text: unknown, emptyAllowed = false): WorkflowProblem[] => {
    if (typeof text !== 'string' || hasExpression(text) || (emptyAllowed && text.trim() === '')) return [];
    const problem = postTextProblem(text);
    if (problem === null) return [];
    const name = field.join('.');
    return [problemAt(nodeId, field, text.trim() === '' ? `${name} is empty; write what to post, or an expression like {{ trigger.body.text }}.` : `${name}: ${problem}`)];
  };
  switch (node.type) {
    case 'x.post':
      return check(['params', 'text'], params.text, Array.isArray(params.mediaIds) && params.mediaIds.length > 0);
    case 'x.reply':
    case 'x.quote':
      return check(['params', 'text'], params.text);
    case 'x.thread':
      return Array.isArray(params.items) ? params.items.flatMap((text: unknown, index) => check(['params', 'items', index], text)) : [];
    default:
      return [];
  }
}

function switchCaseProblems(nodeId: string, cases: unknown): WorkflowProblem[] {
  if (!Array.isArray(cases)) return [];
  return cases.flatMap((name: unknown, index) => {
    const at = (message: string) => [problemAt(nodeId, ['params', 'cases', index], message)];
    if (name === 'default' || name === 'error') return at(`Case '${name}' clashes with the switch's own ${name} branch; rename the case.`);
    if (typeof name === 'string' && cases.indexOf(name) !== index) return at(`Case '${name}' is listed twice; each case needs its own name.`);
    return [];
  });
}

function isWebUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}

function timeZoneMessage(field: string, timezone: string): string {
  return `${field} '${timezone}' is not an IANA time zone; use a name like Europe/Berlin, America/New_York or UTC.`;
}
