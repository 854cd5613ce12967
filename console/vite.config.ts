/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The console is served by the gateway under /console/ (see gateway ConsolePages); the Maven build
// passes --outDir into the console jar's classes. Tests are plain functions, run by Vitest in Node.
export default defineConfig({
  base: '/console/',
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
