import type { Classification, LiveClassifier } from '../../ml';
import { LiveStats } from './live-stats';

export interface LiveFrame {
  result: Classification;
  fps: number;
  latencyMedian: number;
  latencyP95: number;
  prepareMedian: number;
}

/**
 * Classifies what a <video> shows, one frame after another, as fast as the model allows (each
 * animation frame, never two at once). The classifier can be swapped while it runs (a new model
 * after training). No React in here: the Test screen and the live benchmark drive it alike.
 */
export class LiveLoop {
  private running = false;
  private busy = false;
  private raf = 0;
  readonly stats = new LiveStats();

  constructor(
    private readonly video: HTMLVideoElement,
    private classifier: LiveClassifier,
    private readonly onFrame: (f: LiveFrame) => void,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  setClassifier(c: LiveClassifier): void {
    this.classifier = c;
    this.stats.reset();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    cancelAnimationFrame(this.raf);
  }

  private schedule(): void {
    if (this.running) this.raf = requestAnimationFrame(() => void this.step());
  }

  private async step(): Promise<void> {
    if (!this.running || this.busy) return;
    const v = this.video;
    if (v.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !v.videoWidth) return this.schedule();
    this.busy = true;
    const started = performance.now();
    try {
      const result = await this.classifier.classify(v);
      const ended = performance.now();
      this.stats.push(ended, ended - started, result.prepareMs);
      if (this.running) {
        this.onFrame({
          result,
          fps: this.stats.fps,
          latencyMedian: this.stats.latency(0.5),
          latencyP95: this.stats.latency(0.95),
          prepareMedian: this.stats.prepareMedian,
        });
      }
    } catch (e) {
      // A classifier replaced between frames says so; the next frame uses the new one.
      if (this.running && (e as Error).name !== 'ClassifierClosedError') this.onError(e);
    } finally {
      this.busy = false;
      this.schedule();
    }
  }
}
