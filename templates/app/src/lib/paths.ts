/** A URL pattern with its `:id` filled in: `withId('/thing/:id/edit', 7)` is `/thing/7/edit`. */
export const withId = (pattern: string, id: number | string) => pattern.replace(':id', encodeURIComponent(String(id)))
