-- DropIndex
DROP INDEX "RequestLog_userId_createdAt_idx";

-- CreateIndex
CREATE INDEX "RequestLog_userId_createdAt_usage_idx" ON "RequestLog"("userId", "createdAt", "protocol", "promptTokens", "completionTokens");
