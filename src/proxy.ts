// The agent pop-core sends through: the toolkit's proxy rules (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, any case;
// loopback never proxied), so this action behaves like every other action on a proxied runner.
import type { Agent } from 'node:http';
import { HttpClient } from '@actions/http-client';
import { getProxyUrl } from '@actions/http-client/lib/proxy';

export interface Connection {
  readonly agent: Agent;
  /** The proxy's host:port when one is used (never its credentials). */
  readonly proxy?: string;
  /** Drops idle keep-alive sockets so the process can exit. */
  close(): void;
}

/** A keep-alive agent for the endpoint, tunnelling through a proxy when the environment asks for one. */
export function connectionFor(endpoint: string): Connection {
  const proxyUrl = getProxyUrl(new URL(endpoint));
  const agent = new HttpClient('restore-mongodb-backup-action', [], { keepAlive: true }).getAgent(endpoint);
  return {
    agent,
    proxy: proxyUrl?.hostname ? proxyUrl.host : undefined,
    // The tunnelling agent has no destroy(); it closes its sockets itself once they are free.
    close: () => (agent as Partial<Agent>).destroy?.call(agent),
  };
}
