import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';

/**
 * Shown over a drop area while files are dragged over it: a dashed frame and one sentence saying
 * what dropping will do. It lets every pointer event through to the area beneath.
 */
export function DropOverlay({ message }: { message: string }) {
  return (
    <Box
      sx={(t) => ({
        position: 'absolute',
        inset: 8,
        borderRadius: 3,
        border: `3px dashed ${t.palette.secondary.main}`,
        pointerEvents: 'none',
        bgcolor: alpha(t.palette.secondary.main, 0.08),
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
      })}
    >
      <Typography
        variant="h2"
        component="p"
        sx={{ color: 'secondary.dark', bgcolor: 'background.paper', px: 3, py: 1.5, borderRadius: 2, maxWidth: 560, textAlign: 'center' }}
      >
        {message}
      </Typography>
    </Box>
  );
}
