-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "responseCache" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "RequestLog" ADD COLUMN     "cached" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "UsageDaily" ADD COLUMN     "cachedRequests" INTEGER NOT NULL DEFAULT 0;
