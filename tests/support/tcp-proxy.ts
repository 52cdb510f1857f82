import net from "node:net";
import path from "node:path";

/**
 * A TCP proxy that can be cut: open connections are dropped and new ones refused, as when a
 * database host goes away, then restored on the same port. Only this test's app goes through it.
 */
export async function startCuttableProxy(target: { host: string; port: number } | { path: string }) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", close).on("error", close);
    upstream.on("close", close).on("error", close);
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    async cut() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    restore: () => listen(port),
    listening: () => server.listening,
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A cuttable proxy in front of a PostgreSQL URL: the embedded database's Unix socket
 * (`?host=<dir>&port=<n>`) or a TCP server. `url` reaches the same database through the proxy.
 */
export async function startDatabaseProxy(databaseUrl: string) {
  const shared = new URL(databaseUrl);
  const socketDir = shared.searchParams.get("host");
  const port = Number(shared.searchParams.get("port") ?? shared.port);
  const proxy = await startCuttableProxy(
    socketDir?.startsWith("/") ? { path: path.join(socketDir, `.s.PGSQL.${port}`) } : { host: shared.hostname, port: port || 5432 },
  );
  const url = new URL(`postgresql://${shared.username || "postgres"}@127.0.0.1:${proxy.port}${shared.pathname}?sslmode=disable`);
  if (shared.password) url.password = shared.password;
  return { ...proxy, url: url.toString() };
}
