/**
 * The value at a simple JSON path (`$`, `$.a.b`, `$.items[0].ok`) as text for comparison, or undefined when the
 * path leads nowhere. Objects and arrays compare as their JSON.
 */
export function readJsonPath(document: unknown, path: string): string | undefined {
  const steps = [...path.slice(1).matchAll(/\.([A-Za-z_$][\w$-]*)|\[(\d+)\]/g)];
  let value: unknown = document;
  for (const [, key, index] of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    if (index !== undefined) {
      if (!Array.isArray(value)) return undefined;
      value = value[Number(index)];
    } else {
      if (Array.isArray(value) || !Object.hasOwn(value, key!)) return undefined;
      value = (value as Record<string, unknown>)[key!];
    }
  }
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
