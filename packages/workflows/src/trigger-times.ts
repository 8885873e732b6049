import { CronExpressionParser, type CronExpression } from 'cron-parser';
import type { WorkflowTrigger } from './definition';
import { isTimeZone } from './expressions/format-date';

/**
 * The next `count` instants a schedule trigger fires strictly after `from`: a cron
 * expression read as wall-clock time in its zone (so "0 9 * * *" in Europe/Berlin stays 09:00
 * across DST changes), a fixed interval (`from` + k × every), or a single instant. Other
 * triggers fire on events, so they have no times: `[]`.
 *
 * @throws Error saying what is wrong with an invalid cron expression or time zone.
 * @example
 * nextTriggerTimes({ type: 'schedule', params: { mode: 'cron', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin' } }, new Date('2025-03-28T12:00:00Z'), 2);
 * // [2025-03-31T07:00:00.000Z, 2025-04-01T07:00:00.000Z] (09:00 CEST, after the switch to summer time)
 */
export function nextTriggerTimes(trigger: WorkflowTrigger, from: Date, count: number): Date[] {
  if (trigger.type !== 'schedule' || count <= 0) return [];
  const { params } = trigger;
  switch (params.mode) {
    case 'cron':
      return parseCron(params.cron, params.timezone, from)
        .take(count)
        .map((date) => date.toDate());
    case 'interval':
      return Array.from({ length: count }, (_, index) => new Date(from.getTime() + (index + 1) * params.everySeconds * 1000));
    case 'once': {
      const at = new Date(params.at);
      return at > from ? [at] : [];
    }
  }
}

/**
 * Why a cron expression cannot be used in the zone, or `null` when it can (it parses and
 * fires at least once in the coming years).
 *
 * @example
 * cronProblem('0 25 * * *', 'UTC'); // "'0 25 * * *' is not a valid cron expression: …"
 */
export function cronProblem(cron: string, timezone: string): string | null {
  try {
    parseCron(cron, timezone, new Date()).take(1);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function parseCron(cron: string, timezone: string, from: Date): CronExpression {
  if (!isTimeZone(timezone)) {
    throw new Error(`"${timezone}" is not an IANA time zone; use a name like Europe/Berlin, America/New_York or UTC.`);
  }
  try {
    const expression = CronExpressionParser.parse(cron, { tz: timezone, currentDate: from });
    // Parsing accepts dates that never come (30 February); asking for one occurrence finds those.
    expression.take(1);
    expression.reset(from);
    return expression;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `'${cron}' is not a valid cron expression: ${reason}. Write five fields — minute hour day-of-month month day-of-week — e.g. '0 9 * * 1-5' for 09:00 on weekdays.`,
      { cause: error },
    );
  }
}
