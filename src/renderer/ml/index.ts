/**
 * Running a deck's model in a browser window, with no React: the Test screen, the phone page and
 * the live benchmark all use this.
 *
 *   const live = await client.getLiveModel({ deckId });
 *   const classifier = await LiveClassifier.load(live);     // backend chosen once, base cached
 *   const { top, totalMs } = await classifier.classify(videoElement);
 *   wordFor(top[0], 'fr');                                  // "pomme"
 *   classifier.dispose();                                   // on a new model version
 */
export { ClassifierClosedError, LiveClassifier, type Classification, type LoadOptions } from './live-classifier';
export { SUPPORTED_PREPROCESSING } from './preprocessing-versions';
export { selectBackend, type BackendReport, type WindowBackendName } from './backend';
export { disposeBaseModels } from './base-models';
export { decodePhoto, inputPixels, readPixels, type FrameSource } from './pixels';
export { rankClasses, wordFor, wordIn, type RankedClass, type WordIn } from './ranking';
export { centreSquareRgb, type RgbaImage } from './resample';
