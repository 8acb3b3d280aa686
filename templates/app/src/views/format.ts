/** How a stored value reads on a page. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (value instanceof Date) return value.toISOString().replace('T', ' ').slice(0, 16)
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  return String(value)
}
