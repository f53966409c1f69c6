/** Training methods and events. Filled in by the training work. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TrainingApi {}

export const trainingMethods: Record<keyof TrainingApi, true> = {};

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TrainingEvents {}
