/**
 * Where a CAMS call goes: the documented regional endpoint by default, or a URL the user names
 * (such as the local emulator's `http://127.0.0.1:8787`).
 */
import type { Endpoint } from './transport.js';

/** The endpoint Alibaba's SDK builds for a region: `cams.<regionId>.aliyuncs.com`, over HTTPS. */
export function defaultEndpoint(regionId: string): Endpoint {
  return { protocol: 'https', host: `cams.${regionId}.aliyuncs.com` };
}

/** Whether a host is this machine: plain HTTP to it exposes nothing on the network. */
export function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/**
 * Reads `--endpoint`: `https://host[:port]` or `http://host[:port]`. A value without a scheme is
 * refused rather than guessed: `127.0.0.1:8787` taken as HTTPS met the plain-HTTP emulator with a
 * raw OpenSSL `wrong version number`. A path, query or credentials in the URL are refused: RPC
 * calls go to `/`, and a secret in a URL would end up in logs.
 */
export function parseEndpoint(text: string): Endpoint | { error: string } {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return { error: `\`${text}\` has no scheme: write \`http://${text}\` (a local emulator) or \`https://${text}\`` };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `\`${text}\` is not a host or URL` };
  }
  const protocol = url.protocol.slice(0, -1).toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') return { error: `\`${text}\`: only http and https endpoints exist` };
  if (url.username !== '' || url.password !== '') return { error: `\`${url.host}\`: put credentials in the credential chain, never in the endpoint URL` };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') return { error: `\`${text}\`: an endpoint is a host, without a path or query (RPC calls go to \`/\`)` };
  return { protocol, host: url.host };
}

/** The URL of an endpoint, for messages. */
export function endpointUrl(endpoint: Endpoint): string {
  return `${endpoint.protocol}://${endpoint.host}/`;
}
