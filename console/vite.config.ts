import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const domain = fileURLToPath(new URL('../packages/domain/src/', import.meta.url));
const topology = fileURLToPath(new URL('../packages/topology/src/', import.meta.url));

/** Built into dist/ and served by the gateway at /; `npm run dev -w console` proxies the API to a running gateway. */
export default defineConfig({
  plugins: [react()],
  // The repository root holds React 18 (GraphiQL, Hive's laboratory); antd, hoisted there, must use the console's React 19.
  resolve: { alias: { '@domain/': domain, '@topology/': topology }, dedupe: ['react', 'react-dom', 'scheduler'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One chunk per library family keeps the first page's download cacheable between console releases.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/antd') || id.includes('node_modules/@ant-design') || id.includes('node_modules/rc-') || id.includes('node_modules/@rc-component')) return 'antd';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:4000', '/auth': 'http://127.0.0.1:4000' },
  },
});
