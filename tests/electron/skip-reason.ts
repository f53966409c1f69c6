/** Why the Electron smoke test skips where it does, printed by the global setup and the test. */
export const SKIP_REASON =
  'Electron binary is absent on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); the same UI is covered by tests/e2e in Chromium';
