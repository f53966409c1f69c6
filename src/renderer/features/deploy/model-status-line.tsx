import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { DeckStatus } from '../../../shared/api/deploy';
import { exportStatusText, modelStatusText, type StatusTone } from './status-wording';

const SEVERITY: Record<StatusTone, 'success' | 'warning' | 'info'> = { ok: 'success', stale: 'warning', none: 'info' };

interface Props {
  status: DeckStatus | null;
  /** Which version the screen speaks of: the deck's model (Train, Test) or its latest export (Export, Phones). */
  of: 'model' | 'export';
  /** A button beside the words, e.g. "Train again" or "Update phones". */
  action?: ReactNode;
  /** Leads the title, e.g. "Testing" gives "Testing: Version 2 is out of date". */
  lead?: string;
}

/** One line on every screen that uses a model: which version, and whether the deck changed since. */
export function ModelStatusLine({ status, of, action, lead }: Props) {
  if (!status) return null;
  const t = of === 'model' ? modelStatusText(status) : exportStatusText(status);
  return (
    <Alert severity={SEVERITY[t.tone]} action={action} data-testid={`${of}-status`} data-tone={t.tone} sx={{ alignItems: 'center' }}>
      <AlertTitle sx={{ mb: 0.25 }}>{lead ? `${lead}: ${t.title}` : t.title}</AlertTitle>
      {t.detail}
    </Alert>
  );
}
