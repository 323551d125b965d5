import type { SeedInstance } from './server.mjs';
export const TEST_KEYS: {
  readonly plain: { readonly accessKeyId: string; readonly accessKeySecret: string };
  readonly sts: { readonly accessKeyId: string; readonly accessKeySecret: string; readonly securityToken: string };
};
export function apiTime(ms: number): string;
export function seedInstances(now?: number): SeedInstance[];
