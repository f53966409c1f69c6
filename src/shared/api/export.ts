/** Export methods and events. Filled in by the export work. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ExportApi {}

export const exportMethods: Record<keyof ExportApi, true> = {};
