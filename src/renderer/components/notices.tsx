import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import { describeError } from './error-alert';

interface Notice {
  key: number;
  severity: 'success' | 'info' | 'error';
  title: string;
  detail?: string;
  action?: { label: string; run: () => void };
}

interface Notices {
  showError(e: unknown): void;
  showInfo(title: string, action?: Notice['action'], severity?: 'success' | 'info'): void;
}

const NoticeContext = createContext<Notices | null>(null);
let nextKey = 1;

/** One snackbar at a time at the bottom centre: confirmations with Undo, and errors with their fix. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const close = useCallback(() => setNotice(null), []);
  const api = useMemo<Notices>(
    () => ({
      showError: (e) => {
        const { message, fix } = describeError(e);
        setNotice({ key: nextKey++, severity: 'error', title: message, detail: fix });
      },
      showInfo: (title, action, severity = 'success') => setNotice({ key: nextKey++, severity, title, action }),
    }),
    [],
  );
  return (
    <NoticeContext.Provider value={api}>
      {children}
      <Snackbar
        key={notice?.key}
        open={notice !== null}
        autoHideDuration={notice?.severity === 'error' ? 12000 : notice?.action ? 8000 : 4000}
        onClose={(_e, reason) => reason !== 'clickaway' && close()}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        {notice ? (
          <Alert
            severity={notice.severity}
            variant="filled"
            onClose={close}
            sx={{ minWidth: 320, maxWidth: 560 }}
            action={
              notice.action ? (
                <Button
                  color="inherit"
                  size="small"
                  onClick={() => {
                    notice.action!.run();
                    close();
                  }}
                >
                  {notice.action.label}
                </Button>
              ) : undefined
            }
          >
            {notice.detail ? <AlertTitle sx={{ mb: 0.25 }}>{notice.title}</AlertTitle> : notice.title}
            {notice.detail}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NoticeContext.Provider>
  );
}

export function useNotices(): Notices {
  const ctx = useContext(NoticeContext);
  if (!ctx) throw new Error('useNotices outside <NoticeProvider>');
  return ctx;
}
