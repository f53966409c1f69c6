/**
 * Child process for import-crash.test.ts (run with tsx): repeatedly empties and re-imports a
 * project so that a SIGKILL at any moment lands in an open-time sweep, a blob write, a row insert,
 * a soft delete or a purge. Prints "ready" once started.
 */
import { EventBus } from '../event-bus';
import { JobRunner } from '../jobs/job-runner';
import { createDeck, deleteDeck, findDeckByName } from '../store/decks-repo';
import { listPhotos, softDeletePhotos } from '../store/photos-repo';
import { ProjectStore } from '../store/project-store';
import { importPhotos } from './import-photos';

const [projectDir, source] = process.argv.slice(2);

async function main(): Promise<void> {
  process.stdout.write('ready\n');
  for (;;) {
    let store = await ProjectStore.open(projectDir);
    const old = findDeckByName(store.db, 'Run');
    if (old) deleteDeck(store.db, old.id);
    store.close();
    // Reopening sweeps the files the deleted deck left, so the import below writes them all again.
    store = await ProjectStore.open(projectDir);
    const deck = createDeck(store.db, 'Run');
    const events = new EventBus();
    const jobs = new JobRunner(events);
    const { done } = jobs.start('import', (job) => importPhotos(store, events, job, { deckId: deck.id, sources: [{ path: source }] }));
    await done;
    const some = listPhotos(store.db, deck.id)
      .slice(0, 30)
      .map((p) => p.id);
    softDeletePhotos(store.db, some);
    store.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
