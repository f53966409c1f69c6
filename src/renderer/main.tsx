import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createStudio } from './api/studio';

const studio = createStudio();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App studio={studio} />
  </StrictMode>,
);
