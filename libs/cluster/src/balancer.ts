import * as net from 'node:net';

export interface Balancer {
  port: number;
  /** Connections handed to each backend port so far. */
  served: Map<number, number>;
  close(): Promise<void>;
}

const UNAVAILABLE =
  'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n' +
  JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'no API instance is answering', details: [] });

/**
 * The local stand-in for a load balancer or a Kubernetes Service: each TCP connection goes to the next API
 * instance in turn; one that refuses is skipped, and with none left the client gets a 503.
 */
export function startBalancer(opts: { host: string; port: number; backends: number[] }): Promise<Balancer> {
  let next = 0;
  const served = new Map<number, number>(opts.backends.map((p) => [p, 0]));
  const connectTo = (client: net.Socket, tried: number) => {
    if (tried >= opts.backends.length) {
      client.end(UNAVAILABLE);
      return;
    }
    const port = opts.backends[next++ % opts.backends.length];
    const upstream = net.connect({ host: '127.0.0.1', port });
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      served.set(port, (served.get(port) ?? 0) + 1);
      client.once('error', () => upstream.destroy());
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      if (connected) client.destroy();
      else connectTo(client, tried + 1);
    });
  };
  const server = net.createServer({ pauseOnConnect: true }, (client) => connectTo(client, 0));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () =>
      resolve({
        port: opts.port,
        served,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    );
  });
}
