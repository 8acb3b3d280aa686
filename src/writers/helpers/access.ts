import type { AppDescription, ModelDescription } from '../../model/description.js'

/** Whether each account reaches only its own rows of a model (`access: owner`). */
export const isOwned = (model: ModelDescription) => model.access === 'owner'

/** Whether any model is owned: the app then has src/auth/owner.ts. */
export const hasOwnedModels = (app: AppDescription) => app.models.some(isOwned)

/**
 * The account argument of an owned model's functions, with its comma (`account, `), else nothing: an owned model's
 * module takes the account first after the client, so no query of it can leave the owner out.
 */
export const accountArg = (model: ModelDescription, account = 'account') => (isOwned(model) ? `${account}, ` : '')
