import { metricsResponse } from "@/lib/observability/metrics-endpoint";

export const GET = metricsResponse;
