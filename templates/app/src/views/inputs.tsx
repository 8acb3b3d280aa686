/** A labelled form input with its error message, if any. */
export function Input(props: {
  name: string
  label: string
  value?: string
  error?: string
  type?: 'text' | 'number' | 'datetime-local'
  step?: string
}) {
  const { name, label, value, error, type = 'text', step } = props
  return (
    <label>
      {label}
      <input type={type} step={step} name={name} value={value ?? ''} aria-invalid={error ? 'true' : undefined} />
      {error && <small class="error">{error}</small>}
    </label>
  )
}

export function TextArea(props: { name: string; label: string; value?: string; error?: string }) {
  const { name, label, value, error } = props
  return (
    <label>
      {label}
      <textarea name={name} rows={5} aria-invalid={error ? 'true' : undefined}>
        {value ?? ''}
      </textarea>
      {error && <small class="error">{error}</small>}
    </label>
  )
}

export function Checkbox(props: { name: string; label: string; checked?: boolean; error?: string }) {
  const { name, label, checked, error } = props
  return (
    <label>
      <input type="checkbox" name={name} checked={checked} /> {label}
      {error && <small class="error">{error}</small>}
    </label>
  )
}
