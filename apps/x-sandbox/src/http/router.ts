import type { SandboxResponse } from './responses';

/** A route's handler receives its path parameters; everything else comes from the context. */
export type RouteHandler<Context> = (context: Context, params: Record<string, string>) => SandboxResponse | Promise<SandboxResponse>;

export type Route<Context> = {
  method: string;
  /** Path pattern with `:name` segments, e.g. `/2/users/:id/tweets`; also the rate-limit key. */
  pattern: string;
  handler: RouteHandler<Context>;
};

export type RouteMatch<Context> = { route: Route<Context>; params: Record<string, string> };

type CompiledRoute<Context> = { route: Route<Context>; regex: RegExp; names: string[] };

/**
 * Matches method + path to a route. Static paths are a map lookup; parameterised
 * ones are tried in registration order (a few dozen regexes at most).
 *
 * @example
 * const router = new Router([{ method: 'GET', pattern: '/2/users/:id', handler }]);
 * router.match('GET', '/2/users/42')?.params.id; // '42'
 */
export class Router<Context> {
  readonly #static = new Map<string, Route<Context>>();
  readonly #dynamic: CompiledRoute<Context>[] = [];

  constructor(routes: Route<Context>[]) {
    for (const route of routes) {
      if (!route.pattern.includes(':')) {
        this.#static.set(`${route.method} ${route.pattern}`, route);
        continue;
      }
      const names: string[] = [];
      const source = route.pattern.replace(/:([a-z_]+)/gi, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      this.#dynamic.push({ route, regex: new RegExp(`^${source}$`), names });
    }
  }

  match(method: string, path: string): RouteMatch<Context> | undefined {
    const fixed = this.#static.get(`${method} ${path}`);
    if (fixed) return { route: fixed, params: {} };
    for (const { route, regex, names } of this.#dynamic) {
      if (route.method !== method) continue;
      const found = regex.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { route, params };
    }
    return undefined;
  }
}
