export { deleteAccount } from "./delete-account";
export { withScriptDatabase } from "./with-script-database";
