// Stands in for `undici` in the bundle only (tsconfig "paths", applied by ncc). @actions/http-client imports it
// for fetch dispatchers that neither this action nor the toolkit calls it makes use; the real module costs
// about 50 ms of every run's start-up and 0.9 MB of bundle (see the README's Performance section).
// Anything that does reach it fails loudly instead of misbehaving.
function unavailable(name: string): never {
  throw new Error(`undici.${name} is not bundled with this action; see src/stubs/undici.ts`);
}

export class ProxyAgent {
  constructor() {
    unavailable('ProxyAgent');
  }
}

export class Agent {
  constructor() {
    unavailable('Agent');
  }
}

export function fetch(): never {
  return unavailable('fetch');
}
