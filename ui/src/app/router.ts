/** The screen shown is the URL's hash: "#orders/T1-20261202-0004" is the orders screen on that order. */
import { createSignal, onCleanup } from 'solid-js';
import type { Accessor } from 'solid-js';

export interface Route {
  screen: string;
  params: string[];
}

const parse = (hash: string): Route => {
  const [screen = '', ...params] = hash.replace(/^#/, '').split('/').map(decodeURIComponent);
  return { screen, params };
};

export function useRoute(): Accessor<Route> {
  const [route, setRoute] = createSignal(parse(location.hash));
  const onHash = () => setRoute(parse(location.hash));
  window.addEventListener('hashchange', onHash);
  onCleanup(() => window.removeEventListener('hashchange', onHash));
  return route;
}

export function go(screen: string, ...params: string[]): void {
  location.hash = [screen, ...params].map(encodeURIComponent).join('/');
}
