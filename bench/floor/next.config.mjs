// The benchmark's floor app (scripts/bench.ts builds and starts it): Next.js defaults only.
const config = {};

export default config;
