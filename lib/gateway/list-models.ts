import { AppError } from "@/lib/errors";
import { listAvailableModels } from "@/lib/router";
import { getUserRouting } from "./user-routing";

export async function listModelsFor(userId: string) {
  const { chain, keys } = await getUserRouting(userId);
  return listAvailableModels(chain, keys);
}

export async function getModelFor(userId: string, id: string) {
  const model = (await listModelsFor(userId)).data.find((item) => item.id === id);
  if (!model) throw new AppError("model_not_found", `The model '${id}' does not exist or none of your keys reach it`, "model");
  return model;
}
