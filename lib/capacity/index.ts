export { getCapacity, targetState, type Capacity, type CapacityWindow, type TargetStateName } from "./get-capacity";
