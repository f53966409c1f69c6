/** Devices methods and events. Filled in by the devices work. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DevicesApi {}

export const devicesMethods: Record<keyof DevicesApi, true> = {};

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DevicesEvents {}
