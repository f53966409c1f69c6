/**
 * A folder of class subfolders made from the fruit photos with known faults injected, for the deck
 * doctor's tests (core and e2e): frames filed under the wrong word, re-encoded, resized and cropped
 * copies (some under another word), blurred, darkened, brightened and tiny copies, clothing photos
 * among the fruit, and a word with three photos. `truth` says which file carries which fault.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { FRUIT_CLASSES, fruitFrames } from './fruits';
import { variedClothingWord } from './varied-clothing';

export type FaultKind = 'duplicate' | 'near-duplicate' | 'blurry' | 'dark' | 'bright' | 'tiny' | 'outlier' | 'mislabel' | 'imbalance';

export interface InjectedFault {
  kind: FaultKind;
  /** "<Folder>/<file>" of the faulty photo. */
  file: string;
  /** For copies: "<Folder>/<file>" of the photo it copies. */
  original?: string;
  /** For mislabels: the folder it belongs in. */
  belongsTo?: string;
  /** For imbalance: the word (folder) that is too small. */
  word?: string;
}

export interface FaultyFolder {
  dir: string;
  truth: InjectedFault[];
}

export interface FaultyOptions {
  /** Frames [0, frames) of each fruit are the clean deck (faults are made from frames after them). */
  frames?: number;
  /** Only some fault kinds (default: all). */
  kinds?: readonly FaultKind[];
}

/**
 * Writes the deck into `dir` (one subfolder per fruit, plus "Hat" with three photos when imbalance
 * is asked for). Copies made with sharp; the originals are read in place.
 */
export async function makeFaultyFolder(dir: string, opts: FaultyOptions = {}): Promise<FaultyFolder> {
  const frames = opts.frames ?? 30;
  const wants = (k: FaultKind) => !opts.kinds || opts.kinds.includes(k);
  const truth: InjectedFault[] = [];
  const put = async (folder: string, name: string, data: Buffer | string) => {
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
    if (typeof data === 'string') fs.copyFileSync(data, path.join(dir, folder, name));
    else fs.writeFileSync(path.join(dir, folder, name), data);
    return `${folder}/${name}`;
  };
  const misfiled = new Set<string>();
  FRUIT_CLASSES.forEach((cls, c) => {
    if (!wants('mislabel')) return;
    for (const f of [5, 20]) misfiled.add(`${c}:${f}`);
  });

  for (const [c, cls] of FRUIT_CLASSES.entries()) {
    const all = fruitFrames(cls);
    const other = FRUIT_CLASSES[(c + 1) % FRUIT_CLASSES.length];
    for (let f = 0; f < frames; f++) {
      const name = path.basename(all[f]);
      if (misfiled.has(`${c}:${f}`)) {
        truth.push({ kind: 'mislabel', file: await put(other, `${cls.toLowerCase()}-${name}`, all[f]), belongsTo: cls });
      } else {
        await put(cls, name, all[f]);
      }
    }
    const original = `${cls}/${path.basename(all[10])}`;
    const src = fs.readFileSync(all[10]);
    if (wants('duplicate')) {
      // Same size, other bytes: re-encoded. Every other class puts its copy under another word.
      const folder = c % 2 === 0 ? cls : other;
      const file = await put(folder, `reencoded-${cls}.jpg`, await sharp(src).jpeg({ quality: 60 }).toBuffer());
      truth.push({ kind: 'duplicate', file, original });
      // A copy under another word is also a photo filed under the wrong word.
      if (folder !== cls) truth.push({ kind: 'mislabel', file, belongsTo: cls });
    }
    if (wants('near-duplicate')) {
      const o12 = `${cls}/${path.basename(all[12])}`;
      const s12 = fs.readFileSync(all[12]);
      truth.push({
        kind: 'near-duplicate',
        file: await put(cls, `resized-${cls}.jpg`, await sharp(s12).resize(640).jpeg({ quality: 85 }).toBuffer()),
        original: o12,
      });
      const o14 = `${cls}/${path.basename(all[14])}`;
      const s14 = fs.readFileSync(all[14]);
      // 4 to 9% off the sides, a different place for each fruit.
      const left = 20 + c * 16;
      const top = 10 + c * 8;
      const crop = await sharp(s14)
        .extract({ left, top, width: 1280 - left - 40, height: 720 - top - 24 })
        .jpeg({ quality: 88 })
        .toBuffer();
      const cropFolder = c % 3 === 0 ? other : cls;
      const file = await put(cropFolder, `cropped-${cls}.jpg`, crop);
      truth.push({ kind: 'near-duplicate', file, original: o14 });
      if (cropFolder !== cls) truth.push({ kind: 'mislabel', file, belongsTo: cls });
    }
    // Edited copies are made of frames outside the clean deck, so they are not copies of its photos.
    const spare = (i: number) => fs.readFileSync(all[Math.min(all.length - 1, frames + i)]);
    if (wants('blurry')) truth.push({ kind: 'blurry', file: await put(cls, `blurred-${cls}.jpg`, await sharp(spare(0)).blur(5).jpeg().toBuffer()) });
    if (wants('dark')) truth.push({ kind: 'dark', file: await put(cls, `dark-${cls}.jpg`, await sharp(spare(1)).linear(0.28, 0).jpeg().toBuffer()) });
    if (wants('bright'))
      truth.push({ kind: 'bright', file: await put(cls, `bright-${cls}.jpg`, await sharp(spare(2)).linear(1.4, 80).jpeg().toBuffer()) });
    if (wants('tiny')) truth.push({ kind: 'tiny', file: await put(cls, `tiny-${cls}.jpg`, await sharp(spare(3)).resize(160).jpeg().toBuffer()) });
  }
  if (wants('outlier')) {
    const shoes = fs.readdirSync(variedClothingWord('shoes')).sort();
    for (const [i, cls] of FRUIT_CLASSES.slice(0, 4).entries()) {
      truth.push({ kind: 'outlier', file: await put(cls, `shoe-${i}.jpg`, path.join(variedClothingWord('shoes'), shoes[i])) });
    }
  }
  if (wants('imbalance')) {
    const hats = fs.readdirSync(variedClothingWord('hat')).sort().slice(0, 3);
    for (const h of hats) await put('Hat', h, path.join(variedClothingWord('hat'), h));
    truth.push({ kind: 'imbalance', file: '', word: 'Hat' });
  }
  return { dir, truth };
}

/** Import sources for every file of the folder, "<Folder>/<file>" naming the word. */
export function folderSources(dir: string): { path: string; relativePath: string }[] {
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((folder) => fs.readdirSync(path.join(dir, folder)).map((f) => ({ path: path.join(dir, folder, f), relativePath: `${folder}/${f}` })));
}
