import { z } from 'zod';

// The results file's shape: one flat list of named figures, so runs can be diffed key by key.

/** A goal from the issue, checked in the table (never in tests). */
export const TargetSchema = z.object({ op: z.enum(['>=', '<=']), value: z.number() });

/** One measured number (already a median over the repeated runs where it was repeated). */
export const FigureSchema = z.object({
  key: z.string().min(1),
  value: z.number().nullable(),
  unit: z.string(),
  target: TargetSchema.optional(),
  note: z.string().optional(),
});
/** One figure. */
export type Figure = z.infer<typeof FigureSchema>;

/** bench/results/<timestamp>.json. */
export const ResultsFileSchema = z.object({
  version: z.literal(1),
  startedAt: z.string(),
  finishedAt: z.string(),
  quick: z.boolean(),
  repeats: z.number().int().positive(),
  machine: z.object({
    cpus: z.number().int(),
    cpuModel: z.string(),
    memoryGb: z.number(),
    os: z.string(),
    node: z.string(),
    postgres: z.string().nullable(),
    /** 1-minute load average at start and at the end: how busy the shared machine was. */
    loadAverage: z.object({ start: z.number(), end: z.number() }),
  }),
  figures: z.array(FigureSchema),
});
/** The results file. */
export type ResultsFile = z.infer<typeof ResultsFileSchema>;

/** Collects figures as the suites produce them. */
export class Figures {
  readonly list: Figure[] = [];
  /** Adds a figure; `null` means "could not be measured" and the note says why. */
  add(
    key: string,
    value: number | null,
    unit: string,
    extra: Omit<Figure, 'key' | 'value' | 'unit'> = {},
  ): void {
    this.list.push(FigureSchema.parse({ key, value, unit, ...extra }));
  }
}

/** Whether a figure meets its target (undefined when it has none or was not measured). */
export function meets(figure: Figure): boolean | undefined {
  if (figure.target === undefined || figure.value === null) return undefined;
  return figure.target.op === '>='
    ? figure.value >= figure.target.value
    : figure.value <= figure.target.value;
}
