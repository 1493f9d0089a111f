import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app is served by `loket serve` from web/dist (same origin as the API). `npm run dev -w web` serves it with hot
// reload and sends /api to a `loket serve` on port 3000.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
