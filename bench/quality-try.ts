/**
 * Recipe experiments on the quality protocols (not a bench: `npx tsx bench/quality-try.ts aug|lin|l2`):
 * augmentation, a linear head, L2-normalised features. One JSON line per protocol; see the report
 * in src/core/ml/training/training-settings.ts for what was kept.
 */
import { DEFAULT_SETTINGS } from '../src/core/ml/training/training-settings';
import { loadProtocols, meanScore, settingsRecipe, type Recipe } from './quality-protocols';

const l2 = (v: Float32Array) => {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s) || 1;
  return v.map((x) => x / n);
};
function normed(r: Recipe, scale: number): Recipe {
  return {
    name: `${r.name}+l2x${scale}`,
    views: r.views,
    fit: (t, test, k, seed) =>
      r.fit(
        { x: t.x.map((v) => l2(v).map((x) => x * scale)), y: t.y },
        test.map((v) => l2(v).map((x) => x * scale)),
        k,
        seed,
      ),
  };
}
const which = process.argv[2] ?? 'aug';
const { protocols, feats } = await loadProtocols();
const aug = { ...DEFAULT_SETTINGS, augmentation: true };
const recipes: Record<string, Recipe[]> = {
  aug: [settingsRecipe('aug', aug)],
  lin: [settingsRecipe('aug-linear', { ...aug, hiddenUnits: 0, learningRate: 0.01 })],
  l2: [normed(settingsRecipe('aug', aug), 10)],
};
for (const r of recipes[which])
  for (const p of protocols.filter((p) => p.name !== 'heldout-blocks')) {
    const m = await meanScore(r, p, feats);
    console.log(JSON.stringify({ recipe: r.name, protocol: p.name, acc: +(m.accuracy * 100).toFixed(2), logLoss: +m.logLoss.toFixed(3) }));
  }
