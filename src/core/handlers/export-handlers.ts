import type { ExportApi } from '../../shared/api/export';
import type { Handlers } from '../../shared/api';
import type { CoreContext } from '../context';

export function createExportHandlers(_ctx: CoreContext): Pick<Handlers, keyof ExportApi> {
  return {};
}
