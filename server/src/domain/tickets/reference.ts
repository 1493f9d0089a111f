/** `LK-26-00042`: prefix, two-digit year of creation, and the ticket number (at least five digits, never reused). */
export function formatReference(prefix: string, createdAt: Date, number: number): string {
  const year = String(createdAt.getUTCFullYear() % 100).padStart(2, '0');
  return `${prefix}-${year}-${String(number).padStart(5, '0')}`;
}

const REFERENCE = /^[A-Z][A-Z0-9]{0,7}-\d{2}-\d{5,}$/;

export function looksLikeReference(value: string): boolean {
  return REFERENCE.test(value.trim().toUpperCase());
}
