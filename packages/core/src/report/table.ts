import type { MetricManifest } from '../extension-points/contribution';

/** A table as plain columns and rows: what the CSV, Markdown and DataFrame forms are made from. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** What the numbers are (aggregation, statistic); printed under the Markdown table. */
  readonly caption?: string;
  /** Columns of counts, printed without decimals. */
  readonly integerColumns?: readonly string[];
}

/** What tables and figures show of a metric, from its manifest (`label`, `higherIsBetter`). */
export interface MetricDisplay {
  readonly label?: string;
  readonly higherIsBetter?: boolean;
}

/** Metric id -> how to show it. */
export type MetricDisplays = Readonly<Record<string, MetricDisplay>>;

/** The displays of metric contributions (or manifests), keyed by id. */
export function metricDisplays(metrics: readonly { readonly manifest: MetricManifest }[]): MetricDisplays {
  return Object.fromEntries(metrics.map((m) => [m.manifest.id, { label: m.manifest.label, higherIsBetter: m.manifest.higherIsBetter }]));
}

/** A metric's label from its manifest, else its id. */
export const metricLabel = (id: string, displays?: MetricDisplays): string => displays?.[id]?.label ?? id;
