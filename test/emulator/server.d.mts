// Types for server.mjs, so the TypeScript tests use the emulator with checked calls.
export interface RecordedRequest {
  action: string;
  params: Record<string, string>;
  status: number;
  code?: string;
  fault?: string;
  /** When it arrived (the emulator's clock). */
  at: number;
  /** For DescribeDBInstanceAttribute, the status it answered. */
  answeredStatus?: string;
}
export interface AppliedRestore {
  instanceId: string;
  backupId: string;
  requestId: string;
  at: number;
}
export type FaultKind = 'throttle' | 'unavailable' | 'internal' | 'html' | 'json-error' | 'reset' | 'hang' | 'expired-token';
export interface Fault {
  action?: string;
  kind: FaultKind;
  times?: number;
  afterApply?: boolean;
}
export interface SeedInstance {
  attributes: Record<string, unknown> & { DBInstanceId: string; DBInstanceStatus: string };
  backups: Record<string, unknown>[];
}
export interface EmulatorOptions {
  keys?: Record<string, { secret: string; securityToken?: string; expired?: boolean }>;
  instances?: SeedInstance[];
  restoringReads?: number;
  latencyMs?: number;
  maxRequestsPerSecond?: number;
  tls?: { key: string | Buffer; cert: string | Buffer };
  hostName?: string;
  withdrawn?: boolean;
  now?: () => number;
}
export interface Emulator {
  url: string;
  port: number;
  restoringReads: number;
  latencyMs: number;
  maxRequestsPerSecond: number;
  withdrawn: boolean;
  requests: RecordedRequest[];
  restores: AppliedRestore[];
  instances: Map<string, SeedInstance & { restoringReadsLeft: number }>;
  faults: Required<Fault>[];
  injectFault(fault: Fault): void;
  reset(): void;
  start(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}
export function createEmulator(options?: EmulatorOptions): Emulator;
export function percentEncode(value: string): string;
export function stringToSign(method: string, params: Record<string, string>): string;
export function sign(secret: string, text: string): string;
