export { deleteAccount } from "./delete-account";
