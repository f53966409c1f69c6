import type { DevicesApi } from '../../shared/api/devices';
import type { Handlers } from '../../shared/api';
import type { CoreContext } from '../context';

export function createDevicesHandlers(_ctx: CoreContext): Pick<Handlers, keyof DevicesApi> {
  return {};
}
