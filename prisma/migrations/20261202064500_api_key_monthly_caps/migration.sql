-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "monthlyRequestCap" INTEGER,
ADD COLUMN     "monthlyTokenCap" INTEGER;
