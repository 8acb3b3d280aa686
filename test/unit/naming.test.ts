import { describe, expect, it } from 'vitest'
import { nameVariants, pluralName, tableName } from '../../src/model/naming.js'

describe('table names (Flask-SQLAlchemy rule)', () => {
  it.each([
    ['User', 'user'],
    ['BlogPost', 'blog_post'],
    ['HTTP2Request', 'http2_request'],
    ['ABCPost', 'abc_post'],
    ['Person', 'person'],
    ['UserProfileImage', 'user_profile_image'],
    ['OAuthToken', 'o_auth_token'],
  ])('%s → %s', (model, table) => {
    expect(tableName(model)).toBe(table)
  })
})

describe('plurals through pluralize', () => {
  it.each([
    ['User', 'Users'],
    ['Person', 'People'],
    ['Category', 'Categories'],
    ['BlogPost', 'BlogPosts'],
    ['UserPerson', 'UserPeople'],
    ['Sheep', 'Sheep'],
    ['Child', 'Children'],
    ['Address', 'Addresses'],
  ])('%s → %s', (singular, plural) => {
    expect(pluralName(singular)).toBe(plural)
  })
})

describe('name variants', () => {
  it('spells a multi-word name every way the templates need', () => {
    expect(nameVariants('BlogPost')).toEqual({
      singular: { pascal: 'BlogPost', camel: 'blogPost', kebab: 'blog-post', snake: 'blog_post', words: 'blog post' },
      plural: { pascal: 'BlogPosts', camel: 'blogPosts', kebab: 'blog-posts', snake: 'blog_posts', words: 'blog posts' },
    })
  })

  it('keeps an irregular plural in every spelling', () => {
    const { plural } = nameVariants('Person')
    expect([plural.kebab, plural.camel]).toEqual(['people', 'people'])
  })
})
