export { burnPasswordCheck, hashPassword, verifyPassword } from "./password-hash";
export {
  changePasswordSchema,
  createUserSchema,
  deleteAccountSchema,
  emailSchema,
  passwordSchema,
  type ChangePasswordData,
  type DeleteAccountData,
  type CreateUserData,
  type CreateUserInput,
} from "./schemas";
export { changePassword, createUser, deleteUser, getProfile, getUserByEmailOrThrow, getUserById, verifyCredentials, type SessionUser } from "./users";
