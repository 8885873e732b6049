import { describe, expect, it } from 'vitest';
import { runScope } from '../test-data';
import { evaluateExpression } from './evaluate-expression';
import { ExpressionError } from './expression-error';

async function failure(promise: Promise<unknown>): Promise<ExpressionError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ExpressionError);
  return error as ExpressionError;
}

describe('evaluateExpression', () => {
  it('reads the trigger, node outputs, variables and the run', async () => {
    const scope = runScope();
    expect(await evaluateExpression("$contains(trigger.body.text, 'launch')", scope)).toBe(true);
    expect(await evaluateExpression('nodes.fetch.body.ideas', scope)).toEqual(['ship it', 'tell people']);
    expect(await evaluateExpression('vars.count + 1', scope)).toBe(4);
    expect(await evaluateExpression('run.id', scope)).toBe('run_1');
  });

  it('returns plain JSON data, without JSONata sequence markers', async () => {
    const result = await evaluateExpression('nodes.fetch.body.ideas.$uppercase($)', runScope());
    expect(result).toEqual(['SHIP IT', 'TELL PEOPLE']);
    expect(Object.keys(result as object)).toEqual(['0', '1']);
  });

  it('returns undefined for a path that matches nothing', async () => {
    expect(await evaluateExpression('trigger.body.missing', runScope())).toBeUndefined();
  });

  it('offers TweetFlow functions, with the workflow zone as the default for dates', async () => {
    const scope = runScope();
    expect(await evaluateExpression('$hashtags(trigger.body.tags)', scope)).toBe('#launch #Buildinpublic');
    expect(await evaluateExpression("$formatDate(run.startedAt, 'HH:mm')", scope, { timezone: 'Europe/Berlin' })).toBe('09:30');
    expect(await evaluateExpression("$formatDate(run.startedAt, 'HH:mm', 'America/New_York')", scope, { timezone: 'Europe/Berlin' })).toBe('03:30');
    expect(await evaluateExpression("$truncateForX($pad('', 300, 'a'))", scope)).toHaveLength(279);
  });

  it('names the expression and JSONata’s reason when evaluation fails', async () => {
    const error = await failure(evaluateExpression("$number('soon')", runScope()));
    expect(error.expression).toBe("$number('soon')");
    expect(error.message).toBe('Expression `$number(\'soon\')` failed: Unable to cast value to a number: "soon"');
  });

  it('reports a syntax error with its position', async () => {
    const error = await failure(evaluateExpression('trigger.body.text +', runScope()));
    expect(error.message).toBe('Expression `trigger.body.text +` is not valid JSONata: Unexpected end of expression (at character 19)');
  });

  it('evaluates an expression again, also side by side, with each scope and zone its own', async () => {
    const scopes = Array.from({ length: 20 }, (_, index) => ({ ...runScope(), vars: { count: index } }));
    const results = await Promise.all(scopes.map((scope) => evaluateExpression('vars.count * 2', scope)));
    expect(results).toEqual(scopes.map((_, index) => index * 2));
    const time = "$formatDate(run.startedAt, 'HH:mm')";
    expect(await evaluateExpression(time, runScope(), { timezone: 'Europe/Berlin' })).toBe('09:30');
    expect(await evaluateExpression(time, runScope(), { timezone: 'America/New_York' })).toBe('03:30');
  });

  it('stops a runaway recursive function soon after the time budget, with a readable message', async () => {
    const started = performance.now();
    const error = await failure(evaluateExpression('($fib := function($n){ $n < 2 ? $n : $fib($n - 1) + $fib($n - 2) }; $fib(40))', runScope()));
    expect(error.message).toMatch(/^Expression `\(\$fib := .*` took longer than 100 ms and was stopped/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('honours a custom time budget', async () => {
    const error = await failure(evaluateExpression('($loop := function($n){ $n > 0 ? $loop($n) : 0 }; $loop(1))', runScope(), { timeoutMs: 20 }));
    expect(error.message).toContain('took longer than 20 ms');
  });

  it('refuses to build huge lists before allocating them', async () => {
    const started = performance.now();
    const error = await failure(evaluateExpression('$sum([1..1000000])', runScope()));
    expect(error.message).toBe(
      'Expression `$sum([1..1000000])` built a list of more than 100,000 items and was stopped; filter or slice the data first.',
    );
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('stops deep recursion', async () => {
    const error = await failure(evaluateExpression('($depth := function($n){ $n = 0 ? 0 : 1 + $depth($n - 1) }; $depth(5000))', runScope(), { timeoutMs: 10_000 }));
    expect(error.message).toContain('nested deeper than 1000 levels');
  });

  it('stops text that doubles itself in a loop', async () => {
    const error = await failure(evaluateExpression("$reduce([1..40], function($text, $i){ $text & $text }, 'ab')", runScope()));
    expect(error.message).toContain('built a text of more than 10,000,000 characters');
  });

  it('caps the size of the result', async () => {
    const error = await failure(evaluateExpression("$pad('', 2000, 'é')", runScope(), { maxOutputBytes: 1_000 }));
    expect(error.message).toBe(
      "Expression `$pad('', 2000, 'é')` produced 4,002 bytes of data; the limit is 1,000. Select only the fields you need.",
    );
    expect(await evaluateExpression("$pad('', 400, 'é')", runScope(), { maxOutputBytes: 1_000 })).toHaveLength(400);
  });

  it('cannot reach JavaScript: no globals, no prototypes, no Function constructor', async () => {
    const scope = runScope();
    expect(await evaluateExpression('process', scope)).toBeUndefined();
    expect(await evaluateExpression("$eval('process.pid')", scope)).toBeUndefined();
    expect(await evaluateExpression('trigger.constructor', scope)).toBeUndefined();
    const error = await failure(evaluateExpression("($make := trigger.constructor.constructor; $make('return process.pid')())", scope));
    expect(error.message).toContain('Attempted to invoke a non-function');
  });
});
