/** A table as plain columns and rows: what the CSV, Markdown and DataFrame forms are made from. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** What the numbers are (aggregation, statistic); printed under the Markdown table. */
  readonly caption?: string;
  /** Columns of counts, printed without decimals. */
  readonly integerColumns?: readonly string[];
}

/** Human names of the metrics the paper reports; other metric ids are shown as they are. */
export const METRIC_LABELS: Readonly<Record<string, string>> = { rmse: 'RMSE', pearson: 'r', ccc: 'CCC' };

export const metricLabel = (id: string): string => METRIC_LABELS[id] ?? id;
