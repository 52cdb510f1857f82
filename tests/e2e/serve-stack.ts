// Playwright's web server: mock providers on fixed ports and the app on E2E_PORT.
import { startStack } from "@/tests/support/stack";

const port = Number(process.env.E2E_PORT ?? 3100);
// Each test presents its own client address (sign-up is limited per address); the browser on
// loopback stands where a reverse proxy would, so loopback is the trusted proxy.
const stack = await startStack({ port, firstMockPort: Number(process.env.E2E_MOCK_PORT ?? 4310), env: { TRUST_PROXY: "127.0.0.1" } });
console.log(`e2e stack ready on ${stack.baseUrl}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void stack.stop().then(() => process.exit(0)));
}
