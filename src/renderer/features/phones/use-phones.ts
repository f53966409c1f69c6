import { useCallback, useEffect, useState } from 'react';
import type { AdbInfo, Phone } from '../../../shared/api/devices';
import { useStudio, useStudioEvent } from '../../api/hooks';

export interface PhonesState {
  /** null until the first answer. */
  phones: Phone[] | null;
  adb: AdbInfo | null;
  /** Why the list could not be read (adb missing...). */
  error: unknown;
  refresh(): void;
}

/** The phones adb sees, kept live by `devices.changed`, and where adb stands. */
export function usePhones(): PhonesState {
  const { client } = useStudio();
  const [phones, setPhones] = useState<Phone[] | null>(null);
  const [adb, setAdb] = useState<AdbInfo | null>(null);
  const [error, setError] = useState<unknown>(null);

  const refresh = useCallback(() => {
    // adb info first: it starts the adb server (and the live watch) when needed.
    void client.getAdbInfo().then(
      (info) => {
        setAdb(info);
        if (info.problem) {
          setError(info.problem);
          setPhones([]);
          return;
        }
        return client.listDevices().then(
          (list) => {
            setPhones(list);
            setError(null);
          },
          (e: unknown) => {
            setError(e);
            setPhones([]);
          },
        );
      },
      (e: unknown) => setError(e),
    );
  }, [client]);

  useEffect(refresh, [refresh]);
  useStudioEvent('devices.changed', ({ devices }) => {
    setPhones(devices);
    setError(null);
  });
  return { phones, adb, error, refresh };
}
