import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const STACK_LOG = path.resolve(import.meta.dirname, '../../../../.tweetflow/e2e/stack.log');

test('the production processes start without Node.js warnings', async ({ page }) => {
  // By the time a page answers, the web server and the worker have started and printed
  // whatever they print at start (a bundled dependency once made Node warn at every
  // start that `punycode` is deprecated: noise that reads like a fault to self-hosters).
  await page.goto('/');
  const log = readFileSync(STACK_LOG, 'utf8');
  expect(log).toContain('[web]');
  const warnings = log.split('\n').filter((line) => /\b\w*Warning\b/.test(line) && /\(node:\d+\)/.test(line));
  expect(warnings, 'a process printed a Node.js warning').toEqual([]);
});
