-- AlterTable
ALTER TABLE "ProviderKey" ADD COLUMN     "modelCapabilities" JSONB,
ADD COLUMN     "recheckAt" TIMESTAMP(3),
ADD COLUMN     "recheckAttempts" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "RoutingBench" (
    "target" TEXT NOT NULL,
    "providerKeyId" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "RoutingBench_pkey" PRIMARY KEY ("target")
);

-- CreateIndex
CREATE INDEX "RoutingBench_until_idx" ON "RoutingBench"("until");

-- CreateIndex
CREATE INDEX "RoutingBench_providerKeyId_idx" ON "RoutingBench"("providerKeyId");

-- CreateIndex
CREATE INDEX "ProviderKey_status_recheckAt_idx" ON "ProviderKey"("status", "recheckAt");

-- AddForeignKey
ALTER TABLE "RoutingBench" ADD CONSTRAINT "RoutingBench_providerKeyId_fkey" FOREIGN KEY ("providerKeyId") REFERENCES "ProviderKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
