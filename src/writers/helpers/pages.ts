import type { AppDescription, FieldDescription, ModelDescription } from '../../model/description.js'
import { typeInfo } from '../../model/field-types.js'
import { modelNamed } from './relations.js'

/** Columns of the list page: the id is in the link, so it is left out unless nothing else names a row; long text is left out. */
export const listFields = (model: ModelDescription) =>
  model.fields.filter((field) => (model.display.isId || !field.isId) && typeInfo(field.type).input !== 'textarea')

/** The function of views/format.ts that shows a field's value. */
export const formatter = (field: FieldDescription) => typeInfo(field.type).format

/** The TypeScript expression that labels a related row `row` of `target` in a page. */
export const relatedLabel = (app: AppDescription, target: string, row: string) => `formatValue(${row}.${modelNamed(app, target).display.name})`
