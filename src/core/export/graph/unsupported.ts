import { StudioError } from '../../../shared/errors';

/** A model the exporter cannot write, said so a teacher knows what to do. */
export function unsupported(what: string): StudioError {
  return new StudioError(
    'EXPORT_FAILED',
    `This model cannot be exported: ${what}.`,
    'Export works for the studio’s own base models; choose one of them and train again.',
  );
}
