import pluralize from 'pluralize'

/** One spelling of a name in every case a template needs. */
export interface Spellings {
  /** `BlogPost` */
  pascal: string
  /** `blogPost` */
  camel: string
  /** `blog-post` */
  kebab: string
  /** `blog_post` */
  snake: string
  /** `blog post`, for labels in pages */
  words: string
}

/** Every spelling of a model's name, computed once and handed to every writer. */
export interface NameVariants {
  singular: Spellings
  plural: Spellings
}

/**
 * Flask-SQLAlchemy's table-name rule: an underscore goes before a capital that follows a
 * lower-case letter or digit, and before a capital that starts a new word after an acronym.
 * User → user, BlogPost → blog_post, HTTP2Request → http2_request, ABCPost → abc_post.
 */
export function snakeCase(name: string): string {
  return name
    .replace(/((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))/g, '_$1')
    .toLowerCase()
    .replace(/^_+/, '')
}

/** The table a model maps to, by Flask-SQLAlchemy's rule. */
export const tableName = snakeCase

function spellings(pascal: string): Spellings {
  const words = snakeCase(pascal).split('_')
  const [first = '', ...rest] = words
  return {
    pascal,
    camel: first + rest.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(''),
    kebab: words.join('-'),
    snake: words.join('_'),
    words: words.join(' '),
  }
}

/** Pluralizes the last word of a PascalCase name through the `pluralize` library (Person → People). */
export function pluralName(pascal: string): string {
  const match = /^(.*?)([A-Z0-9]*[a-z0-9]*)$/.exec(pascal)
  const [head, last] = match ? [match[1] ?? '', match[2] ?? pascal] : ['', pascal]
  return head + pluralize.plural(last)
}

export function nameVariants(pascal: string): NameVariants {
  return { singular: spellings(pascal), plural: spellings(pluralName(pascal)) }
}
