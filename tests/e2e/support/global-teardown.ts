import fs from 'node:fs';

/** Removes the temporary data and projects folder the browser host used. */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.MAGRITTE_E2E_DIR;
  if (dir && dir.includes('magritte-e2e-')) fs.rmSync(dir, { recursive: true, force: true });
}
