import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves the built UI at / (same origin as /api); in development Vite forwards /api to it.
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': api, '/health': api } },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: (id: string) => (id.includes('node_modules/echarts') || id.includes('node_modules/zrender') ? 'echarts' : undefined),
      },
    },
  },
  test: { include: ['src/**/*.test.ts'] },
} as never);
