import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { EventName, EventPayload } from '../../shared/events';
import type { TrackedJob } from './job-tracker';
import type { Studio } from './studio';

const StudioContext = createContext<Studio | null>(null);

export function StudioProvider({ studio, children }: { studio: Studio; children: ReactNode }) {
  return <StudioContext.Provider value={studio}>{children}</StudioContext.Provider>;
}

export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio outside <StudioProvider>');
  return studio;
}

/** Subscribes to one core event for the component's lifetime; the handler may change freely. */
export function useStudioEvent<E extends EventName>(name: E, handler: (payload: EventPayload<E>) => void): void {
  const { events } = useStudio();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => events.on(name, (p) => ref.current(p)), [events, name]);
}

/** Live state of one job (progress, then its end), or null before anything is known. */
export function useJob(jobId: string | null): TrackedJob | null {
  const { jobs } = useStudio();
  const [job, setJob] = useState<TrackedJob | null>(null);
  useEffect(() => {
    setJob(null);
    if (!jobId) return;
    return jobs.watch(jobId, (j) => setJob(j));
  }, [jobs, jobId]);
  return job;
}
