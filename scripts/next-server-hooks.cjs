// Loaded into the Next.js server with `--require` by scripts/start.ts.
// 1. Route handlers get no socket, so each request's socket address is written into a header
//    the app trusts only while this hook runs; a value a client sent under that name is replaced.
// 2. The startup line names the address the server really listens on, read from the socket.
// 3. The direct routes: a request whose method and path a /v1 route registered in this table
//    (lib/api/direct-routes.ts) is handed to it instead of to Next.js.
const http = require("node:http");

const HEADER = "x-freellmapi-peer";
const directRoutes = (globalThis[Symbol.for("freellmapi.direct-routes")] = new Map());
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, request, ...rest) {
  if (event === "request" && request && request.headers) {
    request.headers[HEADER] = request.socket?.remoteAddress ?? "";
    const query = request.url.indexOf("?");
    const direct = directRoutes.get(`${request.method} ${query === -1 ? request.url : request.url.slice(0, query)}`);
    if (direct) {
      direct(request, rest[0]);
      return true;
    }
  }
  if (event === "listening" && !this.__freellmapiAnnounced) {
    this.__freellmapiAnnounced = true;
    const address = this.address();
    if (address && typeof address === "object") {
      const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
      const everywhere = address.address === "::" || address.address === "0.0.0.0" ? " (all interfaces)" : "";
      const mode = process.env.FREELLMAPI_MODE_LABEL ?? "Server";
      console.log(`[freellmapi] ${mode} mode: listening on http://${host}:${address.port}${everywhere}`);
    }
  }
  return emit.call(this, event, request, ...rest);
};
process.env.FREELLMAPI_PEER_HOOK = "1";
