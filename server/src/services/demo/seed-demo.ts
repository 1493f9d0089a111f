import type { ServiceDeps } from '../context.ts';

// Replaced by the full demo data set (in progress).
export async function seedDemo(_: { deps: ServiceDeps }): Promise<{ created: boolean; tickets: number }> {
  return { created: false, tickets: 0 };
}
