// Loaded into the Next.js server with `--require` by scripts/start.ts. Route handlers get no
// socket, so this writes each request's socket address into a header the app trusts only
// while this hook runs; any value a client sent under that name is overwritten.
const http = require("node:http");

const HEADER = "x-freellmapi-peer";
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, request, ...rest) {
  if (event === "request" && request && request.headers) request.headers[HEADER] = request.socket?.remoteAddress ?? "";
  return emit.call(this, event, request, ...rest);
};
process.env.FREELLMAPI_PEER_HOOK = "1";
