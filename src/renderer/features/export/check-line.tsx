import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import InfoIcon from '@mui/icons-material/Info';

/** One finding of an export with a coloured mark: green passed, red failed, grey for information. */
export function CheckLine({
  state,
  title,
  detail,
  testId,
}: {
  state: 'passed' | 'failed' | 'info';
  title: ReactNode;
  detail?: ReactNode;
  testId?: string;
}) {
  const icon =
    state === 'passed' ? (
      <CheckCircleIcon color="success" aria-label="passed" />
    ) : state === 'failed' ? (
      <ErrorIcon color="error" aria-label="failed" />
    ) : (
      <InfoIcon color="action" />
    );
  return (
    <Stack direction="row" spacing={1.25} sx={{ alignItems: 'flex-start' }} data-testid={testId} data-state={state}>
      <Box sx={{ pt: 0.1, display: 'flex' }}>{icon}</Box>
      <Box sx={{ minWidth: 0 }}>
        <Typography sx={{ fontWeight: 500 }}>{title}</Typography>
        {detail ? (
          <Typography variant="body2" color="text.secondary">
            {detail}
          </Typography>
        ) : null}
      </Box>
    </Stack>
  );
}
