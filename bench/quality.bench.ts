/**
 * `npm run bench -- quality`: the studio's default recipe against Teachable Machine's (100-unit
 * hidden layer, Adam 0.001, batch 16, 50 epochs, centre crop, no augmentation) on the same base
 * network, on photos neither saw in training; mean of 5 seeds. One JSON line per protocol x recipe:
 * {"bench":"quality-<protocol>-<ours|tm>","value":<accuracy %>,"unit":"%","logLoss":..,...}.
 * Protocols in bench/quality-protocols.ts; the varied photo set in bench/varied-photos.ts (skipped,
 * with a message on stderr, when its cache folder is absent).
 */
import { DEFAULT_SETTINGS, TEACHABLE_MACHINE_SETTINGS } from '../src/core/ml/training/training-settings';
import { emit } from './ml-fixtures';
import { loadProtocols, meanScore, SEEDS, settingsRecipe } from './quality-protocols';

const { protocols, feats, skipped } = await loadProtocols();
for (const s of skipped) process.stderr.write(`quality: ${s}\n`);
const recipes = [settingsRecipe('ours', DEFAULT_SETTINGS), settingsRecipe('tm', TEACHABLE_MACHINE_SETTINGS)];
for (const p of protocols) {
  for (const r of recipes) {
    const m = await meanScore(r, p, feats);
    emit(`quality-${p.name}-${r.name}`, m.accuracy * 100, '%', {
      logLoss: Number(m.logLoss.toFixed(4)),
      trainPhotos: p.train.length,
      testPhotos: p.test.length,
      testView: p.testView,
      trainViews: r.views,
      seeds: SEEDS.length,
    });
  }
}
