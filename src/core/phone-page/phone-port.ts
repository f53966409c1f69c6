/** Where the studio serves the phone page: MAGRITTE_PHONE_PORT, else 8427 (the CLI's default too). */
export const DEFAULT_PHONE_PORT = 8427;

export function phonePort(env: NodeJS.ProcessEnv = process.env): number {
  const p = Number(env.MAGRITTE_PHONE_PORT);
  return Number.isInteger(p) && p > 0 && p < 65536 ? p : DEFAULT_PHONE_PORT;
}
