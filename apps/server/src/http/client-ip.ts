import type { Config } from '@crm/config';
import proxyaddr from 'proxy-addr';

type Trust = (address: string, hop: number) => boolean;

/** How far to believe X-Forwarded-For, from TRUST_PROXY. */
export function compileTrust(setting: Config['trustProxy']): Trust {
  if (setting === true) return () => true;
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyaddr.compile(setting);
}

/**
 * The client's address: the socket peer, or the nearest untrusted address in X-Forwarded-For when
 * the peer is a trusted proxy. Behind a reverse proxy without TRUST_PROXY every client would
 * share the proxy's address.
 */
export function clientIp(remoteAddress: string | undefined, forwardedFor: string | undefined, trust: Trust): string | undefined {
  if (!remoteAddress) return undefined;
  const request = { headers: { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress }, connection: { remoteAddress } };
  const address = proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], trust);
  // Dual-stack sockets report IPv4 peers as ::ffff:a.b.c.d; people know them as a.b.c.d.
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
