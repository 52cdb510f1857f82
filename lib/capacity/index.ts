export { getCapacity, type Capacity, type CapacityWindow } from "./get-capacity";
