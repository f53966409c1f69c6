import type { TrainingApi } from '../../shared/api/training';
import type { Handlers } from '../../shared/api';
import type { CoreContext } from '../context';

export function createTrainingHandlers(_ctx: CoreContext): Pick<Handlers, keyof TrainingApi> {
  return {};
}
