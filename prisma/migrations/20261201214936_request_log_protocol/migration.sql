-- AlterTable
ALTER TABLE "RequestLog" ADD COLUMN     "protocol" TEXT NOT NULL DEFAULT 'chat_completions';
