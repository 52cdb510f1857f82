import { metricsResponse } from "@/lib/api/metrics-endpoint";

export const GET = metricsResponse;
