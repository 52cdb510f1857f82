-- DropTable
DROP TABLE "VerificationToken";
