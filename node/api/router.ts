/** Matches "/api/carts/:id/lines/:lineId" patterns; the first route that fits wins. */
import type { Route } from './http-types.ts';
import { HttpError } from './http-types.ts';
import { safeDecode } from './request-url.ts';

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  /** The route and its decoded params; `allowed` lists methods when only the method is wrong. */
  match(
    method: string,
    path: string,
  ): { route?: Route; params: Record<string, string>; allowed: string[] } {
    const allowed: string[] = [];
    for (const { route, pattern, names } of this.compiled) {
      const m = pattern.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      for (const [i, name] of names.entries()) {
        const value = safeDecode(m[i + 1] ?? '');
        if (value === undefined)
          throw new HttpError(400, 'BAD_URL', `malformed percent-escape in ${name}`);
        params[name] = value;
      }
      return { route, params, allowed };
    }
    return { params: {}, allowed };
  }
}
