export const ROOT: string;
export const ACTION_ENTRY: string;
export interface ActionField {
  name: string;
  description: string;
  default?: string;
  required: boolean;
}
export function readActionMetadata(path?: string): { inputs: ActionField[]; outputs: ActionField[] };
export function inputEnv(inputs: Record<string, string | undefined>): Record<string, string>;
export function parseOutputs(text: string): Record<string, string>;
export interface ActionRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  ms: number;
}
export function runAction(options?: {
  inputs?: Record<string, string | undefined>;
  env?: Record<string, string | undefined>;
  entry?: string;
  timeoutMs?: number;
  nodeArgs?: string[];
}): Promise<ActionRun>;
