import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** Addresses an outgoing request from a workflow may not reach: loopback, private, link-local… */
const PRIVATE = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

export class UnsafeRequestError extends Error {
  override readonly name = 'UnsafeRequestError';
}

/**
 * Whether an address is private (IPv4-mapped IPv6 addresses are judged as the IPv4 they carry).
 *
 * @example
 * isPrivateAddress('10.1.2.3'); // true
 */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  const family = net.isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export type SafeRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Hosts that may resolve to private addresses (an operator's allow-list). */
  allowedHosts: readonly string[];
};

export type SafeResponse = { status: number; headers: Record<string, string>; body: string; bytes: Buffer };

/**
 * An HTTP request that cannot be pointed at the machine's own network (SSRF): the address
 * is checked when the connection is made — after DNS, so a name that resolves to
 * 127.0.0.1 is refused too — unless the host is allow-listed. Redirects are not followed
 * (a redirect could lead anywhere); the response is cut off at `maxResponseBytes`.
 *
 * @example
 * const response = await safeRequest({ method: 'GET', url: 'https://api.example.com/items', headers: {}, timeoutMs: 5000, maxResponseBytes: 1e6, allowedHosts: [] });
 */
export function safeRequest(request: SafeRequest): Promise<SafeResponse> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return Promise.reject(new UnsafeRequestError(`"${request.url}" is not a URL.`));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new UnsafeRequestError(`Only http and https URLs can be requested, not ${url.protocol}`));
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const allowed = request.allowedHosts.includes(host);
  if (!allowed && net.isIP(host) !== 0 && isPrivateAddress(host)) {
    return Promise.reject(new UnsafeRequestError(`${host} is a private or loopback address; workflows may not call it.`));
  }
  const lookup: net.LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const unsafe = !allowed && list.some((entry) => isPrivateAddress(entry.address));
      if (unsafe) return callback(new UnsafeRequestError(`${hostname} resolves to a private or loopback address; workflows may not call it.`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = transport.request(url, { method: request.method, headers: request.headers, lookup, timeout: request.timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxResponseBytes) {
          response.destroy(new UnsafeRequestError(`The response is larger than ${request.maxResponseBytes} bytes.`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', reject);
      response.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = String(value);
        const bytes = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, headers, body: bytes.toString('utf8'), bytes });
      });
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`No answer within ${request.timeoutMs} ms.`)));
    outgoing.on('error', reject);
    if (request.body !== undefined) outgoing.write(request.body);
    outgoing.end();
  });
}
