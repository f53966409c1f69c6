import type { LanguageCode } from '../../shared/domain';
import type { Normalization } from '../../shared/api/training';

export interface ReadmeInput {
  modelName: string;
  /** `background`: the key of the deck's "Nothing I know" class, or null. */
  decks: { name: string; keys: string[]; version: number; background: string | null }[];
  languages: LanguageCode[];
  inputSize: number;
  normalization: Normalization;
  baseModelId: string;
  /** How to frame the picture (framingSentence of the exported decks). */
  framing: string;
  tfjs: boolean;
  tflite: string | null;
  tfliteInt8: string | null;
  tfliteFullInt8: string | null;
  appVersion: string;
}

/** README.md at the top of an export: what each file is and how to feed the model. */
export function exportReadme(r: ReadmeInput): string {
  const n = r.normalization;
  const lines = [
    `# ${r.modelName}`,
    '',
    `Exported by Magritte Studio ${r.appVersion} from ${r.decks.map((d) => `${d.name} (version ${d.version})`).join(', ')}.`,
    `Base network: ${r.baseModelId}. Languages: ${r.languages.join(', ')}.`,
    '',
    '## Input',
    '',
    `One RGB photo, ${r.inputSize} x ${r.inputSize} pixels, as float32 [1, ${r.inputSize}, ${r.inputSize}, 3], each channel`,
    `normalised as (pixel - mean) / std with mean = [${n.mean.join(', ')}] and std = [${n.std.join(', ')}] (pixels 0..255).`,
    '',
    r.framing,
    '',
    '## Output',
    '',
    ...r.decks.map(
      (d, i) =>
        `${r.decks.length > 1 ? `Output ${i} ("${d.name}")` : 'One output'}: ${d.keys.length} probabilities, one per class in this order: ${d.keys.join(', ')}.`,
    ),
    ...backgroundSection(r),
    '',
    '## Files',
    '',
  ];
  if (r.tfjs) {
    lines.push(
      '- `tfjs/model.json`, `tfjs/weights.bin`: TensorFlow.js layers model (`tf.loadLayersModel`).',
      '- `tfjs/metadata.json`: labels in output order, in the form Teachable Machine image models use (`tmImage.load`).',
      '- `tfjs/labels.txt`: the class keys, one per line, in output order.',
      '- `tfjs/vocabulary.json`: for each class, its key and its word in every language.',
    );
  }
  if (r.tflite) {
    lines.push(
      `- \`tflite/${r.tflite}\`: TensorFlow Lite model (float32) with its metadata: normalisation, and label files`,
      '  for each output (class keys, plus one file per language with its locale), packed inside the file',
      '  where ML Kit, MediaPipe and the TFLite Task Library find them.',
    );
  }
  if (r.tfliteInt8) {
    lines.push(
      `- \`tflite/${r.tfliteInt8}\`: the same with int8 weights (dynamic range): smaller, slightly less accurate;`,
      "  runs on TensorFlow Lite's CPU kernels only (NNAPI, GPU delegates and accelerators refuse it).",
    );
  }
  if (r.tfliteFullInt8) {
    const zero = Math.round(n.mean[0]);
    lines.push(
      `- \`tflite/${r.tfliteFullInt8}\`: the same, fully integer (int8 weights and activations, calibrated on the deck's`,
      '  photos): smaller and faster on phones, very slightly less exact; runs on the CPU, NNAPI, GPU delegates,',
      `  Arm NN and other accelerators. Input: uint8 [1, ${r.inputSize}, ${r.inputSize}, 3], the pixels themselves (its quantisation,`,
      `  scale 1/${n.std[0]} and zero point ${zero}, applies the normalisation). Output: uint8 scores, probability = value / 256.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Which label means "nothing the model knows", and where apps find it in each file, so they can
 * stay silent on it as the studio and its phone page do.
 */
function backgroundSection(r: ReadmeInput): string[] {
  const marked = r.decks.map((d, i) => ({ d, i })).filter(({ d }) => d.background !== null);
  if (marked.length === 0) return [];
  const where = marked.map(({ d, i }) => {
    const index = d.keys.findIndex((k) => k === d.background);
    return `${r.decks.length > 1 ? `in output ${i} ("${d.name}"), ` : ''}class ${index} ("${d.background ?? ''}")`;
  });
  return [
    '',
    '## Nothing I know (background)',
    '',
    `The background class, ${where.join('; ')}, was trained on photos of what is none of the words (the empty desk,`,
    'the classroom, hands). When it is the most likely class, show no word and say nothing (a calm "…" is fine).',
    'Each file names it, so an app needs no list of its own:',
    ...(r.tfjs
      ? [
          '- `tfjs/vocabulary.json`: `"background": "<key>"` for the deck and `"background": true` on that class.',
          "- `tfjs/metadata.json`: `userMetadata.outputs[i].background` is the label of output i's background (or null).",
        ]
      : []),
    ...(r.tflite
      ? [
          "- the .tflite metadata: each output tensor's description says which class it is, and the subgraph's",
          '  custom metadata `magritte.background` holds JSON `{"outputs": [{"name", "label", "index"}]}` (index null when',
          '  that output has none). Its label line in every label file is the class key.',
        ]
      : []),
  ];
}
