import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ImportReport, JobProgress } from '../../../../shared/domain';
import { useStudio } from '../../../api/hooks';
import type { PickedFile } from '../../../api/transport';
import { useNotices } from '../../../components/notices';
import { ImportProgressStack } from './import-progress';
import { ImportReportDialog } from './import-report-dialog';

export interface ImportRequest {
  deckId: number;
  classId?: number;
  /** Where the photos go, in words: "Apple", or the deck's name. */
  targetLabel: string;
  files: PickedFile[];
}

export interface ImportTask {
  id: number;
  targetLabel: string;
  /** Uploading files to the host (browser only), then the core's import job. */
  phase: 'staging' | 'importing';
  staged: { done: number; total: number };
  jobId: string | null;
  progress: JobProgress | null;
  cancelling: boolean;
}

interface Imports {
  start(request: ImportRequest): void;
}

const ImportContext = createContext<Imports | null>(null);
let nextTaskId = 1;

function isNotable(r: ImportReport): boolean {
  return r.cancelled || r.refused.length > 0 || r.duplicates > 0 || r.classesCreated.length > 0;
}

/**
 * Runs photo imports for the open project: stage the files, start the core's job, show live progress
 * with Cancel, then the report. Kept above the deck view so an import goes on while the teacher moves around.
 */
export function ImportProvider({ children }: { children: ReactNode }) {
  const { client, jobs, transport } = useStudio();
  const notices = useNotices();
  const [tasks, setTasks] = useState<ImportTask[]>([]);
  const [report, setReport] = useState<{ report: ImportReport; title: string } | null>(null);
  const aborts = useRef(new Map<number, AbortController>());

  const patch = useCallback((id: number, p: Partial<ImportTask>) => {
    setTasks((ts) => ts.map((t) => (t.id === id ? { ...t, ...p } : t)));
  }, []);
  const remove = useCallback((id: number) => {
    aborts.current.delete(id);
    setTasks((ts) => ts.filter((t) => t.id !== id));
  }, []);

  const start = useCallback(
    (request: ImportRequest) => {
      const id = nextTaskId++;
      const abort = new AbortController();
      aborts.current.set(id, abort);
      const task: ImportTask = {
        id,
        targetLabel: request.targetLabel,
        phase: 'staging',
        staged: { done: 0, total: request.files.length },
        jobId: null,
        progress: null,
        cancelling: false,
      };
      setTasks((ts) => [...ts, task]);
      void (async () => {
        try {
          const sources = await transport.stageFiles(request.files, (done, total) => patch(id, { staged: { done, total } }), abort.signal);
          const { jobId } = await client.startImport({ deckId: request.deckId, classId: request.classId, sources });
          patch(id, { phase: 'importing', jobId });
          if (abort.signal.aborted) void client.cancelJob({ jobId }).catch(() => undefined);
          const stop = jobs.watch(jobId, (j) => j.progress && patch(id, { progress: j.progress }));
          const end = await jobs.wait(jobId);
          stop();
          remove(id);
          const title = `Adding photos to ${request.targetLabel}: done`;
          if (end.state === 'finished') {
            const r = end.result as ImportReport;
            if (isNotable(r)) setReport({ report: r, title });
            else notices.showInfo(`${r.imported} ${r.imported === 1 ? 'photo' : 'photos'} added to ${request.targetLabel}.`);
          } else if (end.state === 'cancelled') {
            notices.showInfo('Import stopped. The photos added before you stopped are kept.', undefined, 'info');
          } else {
            notices.showError(end.error);
          }
        } catch (e) {
          remove(id);
          if (abort.signal.aborted) notices.showInfo('Import stopped before any photo was added.', undefined, 'info');
          else notices.showError(e);
        }
      })();
    },
    [client, jobs, transport, notices, patch, remove],
  );

  const cancel = useCallback(
    (task: ImportTask) => {
      patch(task.id, { cancelling: true });
      aborts.current.get(task.id)?.abort();
      if (task.jobId) void client.cancelJob({ jobId: task.jobId }).catch(() => undefined);
    },
    [client, patch],
  );

  const value = useMemo(() => ({ start }), [start]);
  return (
    <ImportContext.Provider value={value}>
      {children}
      <ImportProgressStack tasks={tasks} onCancel={cancel} />
      <ImportReportDialog report={report?.report ?? null} title={report?.title ?? ''} onClose={() => setReport(null)} />
    </ImportContext.Provider>
  );
}

export function useImports(): Imports {
  const ctx = useContext(ImportContext);
  if (!ctx) throw new Error('useImports outside <ImportProvider>');
  return ctx;
}
