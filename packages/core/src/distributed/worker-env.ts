/** Environment variables through which `emotrans worker` configures its processor threads (never printed). */
export const WORKER_ENV = {
  url: 'EMOTRANS_WORKER_QUEUE_URL',
  plugins: 'EMOTRANS_WORKER_PLUGINS',
} as const;
