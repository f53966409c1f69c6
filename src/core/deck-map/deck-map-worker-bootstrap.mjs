// Worker entry: teaches this thread to load TypeScript (tsx), then runs the deck map's layout worker.
// A plain .mjs so it starts the same way under vitest, the CLI and the browser host.
import { register } from 'tsx/esm/api';

register();
await import('./deck-map-worker.ts');
