/**
 * The helpers of the templates, grouped by what they produce. A template names the helpers it uses on its first
 * line, as an import: `<%_ const { formControl, inputFields } = forms _%>`.
 */
export * as access from './access.js'
export * as api from './api.js'
export * as data from './data.js'
export * as forms from './forms.js'
export * as names from './names.js'
export * as pages from './pages.js'
export * as relations from './relations.js'
export * as samples from './samples.js'
export * as types from '../../model/field-types.js'
