/** A column heading that sorts the list by its field, and reverses the order when it already does. */
export function SortLink({ path, query, field, label }: { path: string; query: { sort: string; q?: string }; field: string; label: string }) {
  const ascending = query.sort === field
  const params = new URLSearchParams({ sort: ascending ? `-${field}` : field })
  if (query.q) params.set('q', query.q)
  const mark = ascending ? ' ▲' : query.sort === `-${field}` ? ' ▼' : ''
  return (
    <a href={`${path}?${params}`}>
      {label}
      {mark}
    </a>
  )
}
