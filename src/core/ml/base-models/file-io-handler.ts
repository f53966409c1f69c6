import fs from 'node:fs';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { modelFileInside, readModelJson, verifyModelFiles } from './weights-manifest';

/**
 * A TF.js IOHandler backed by a folder (model.json + shards), written with fs because
 * tfjs-node's `file://` handler is not available without tfjs-node. `load` checks every shard first
 * so a damaged model gives MODEL_INCOMPLETE naming the file instead of a TF.js stack trace.
 */
export function fileModelHandler(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const model = readModelJson(dir);
      verifyModelFiles(dir, model);
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of model.weightsManifest) {
        weightSpecs.push(...(group.weights as tf.io.WeightsManifestEntry[]));
        for (const p of group.paths) buffers.push(fs.readFileSync(modelFileInside(dir, p)));
      }
      const all = Buffer.concat(buffers);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
      return {
        modelTopology: model.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        weightSpecs,
        weightData,
        format: model.format,
        generatedBy: model.generatedBy,
        convertedBy: model.convertedBy ?? undefined,
      };
    },
    // Saving writes one weights.bin next to model.json (what `tf.io.browserDownloads` would give).
    save: async (artifacts: tf.io.ModelArtifacts) => {
      fs.mkdirSync(dir, { recursive: true });
      const data = artifacts.weightData;
      const bytes = data === undefined ? new Uint8Array(0) : concatWeightData(data);
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      fs.writeFileSync(path.join(dir, 'weights.bin'), bytes);
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(modelJson));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: bytes.byteLength,
        },
      };
    },
  };
}

function concatWeightData(data: ArrayBuffer | ArrayBuffer[]): Uint8Array {
  const parts = Array.isArray(data) ? data : [data];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), offset);
    offset += p.byteLength;
  }
  return out;
}
