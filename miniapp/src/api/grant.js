// Permissions of the caller: reviewers review, unit staff declare within
// their grant. The API checks every mutation again, and this module only
// hides what the API would reject.
import { fetchMe } from './auth.js'
import { fetchAuthorizations } from './authz.js'

/** BusinessType values, each gating the actions of one business function. */
export const ALL_BUSINESS_TYPES = ['ENROLLMENT', 'SUSPENSION', 'SETTLEMENT', 'BACK_PAYMENT', 'WAGE_DECLARATION']

/**
 * Returns { me, businessTypes }: every BusinessType for the legal
 * representative and licence administrators; for an operator, those of the
 * caller's authorization in force (all for full authorization); none for a
 * reviewer.
 */
export async function fetchGrant() {
  const me = await fetchMe()
  if (me.kind === 'REVIEWER' || !me.role) return { me, businessTypes: [] }
  if (me.role !== 'OPERATOR') return { me, businessTypes: ALL_BUSINESS_TYPES }

  const authorizations = await fetchAuthorizations()
  const inForce = authorizations.filter((authorization) => authorization.inForce)
  const types = new Set()
  for (const authorization of inForce) {
    const granted = authorization.scope === 'FULL' ? ALL_BUSINESS_TYPES : authorization.businessTypes
    granted.forEach((type) => types.add(type))
  }
  return { me, businessTypes: [...types] }
}
