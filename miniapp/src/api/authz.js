// Authorization operations of the GraphQL API (Query.authorizations,
// licenceAdministrators, Mutation.grantAuthorization, changeAuthorization,
// revokeAuthorization, requestAuthorization, reviewAuthorizationRequest,
// appointLicenceAdministrator, removeLicenceAdministrator). They act for the
// unit of the current token.
import { graphql } from '../http/graphql.js'

const FIELD_ERROR = 'errors { field code message }'
const AUTHORIZATION_FIELDS = `
  id name idNumber mobile scope businessTypes validFrom validTo
  credentialKind status inForce linked createdAt
`
const PAYLOAD_FIELDS = `authorization { ${AUTHORIZATION_FIELDS} } ${FIELD_ERROR}`

const AUTHORIZATIONS = `
  query Authorizations($fullValues: Boolean!) {
    authorizations(fullValues: $fullValues) { ${AUTHORIZATION_FIELDS} }
  }
`

const GRANT_AUTHORIZATION = `
  mutation GrantAuthorization($input: GrantAuthorizationInput!) {
    grantAuthorization(input: $input) { ${PAYLOAD_FIELDS} }
  }
`

const CHANGE_AUTHORIZATION = `
  mutation ChangeAuthorization($id: ID!, $input: ChangeAuthorizationInput!) {
    changeAuthorization(id: $id, input: $input) { ${PAYLOAD_FIELDS} }
  }
`

const REVOKE_AUTHORIZATION = `
  mutation RevokeAuthorization($id: ID!) {
    revokeAuthorization(id: $id) { ${PAYLOAD_FIELDS} }
  }
`

const REQUEST_AUTHORIZATION = `
  mutation RequestAuthorization($input: RequestAuthorizationInput!) {
    requestAuthorization(input: $input) { ${PAYLOAD_FIELDS} }
  }
`

const REVIEW_AUTHORIZATION_REQUEST = `
  mutation ReviewAuthorizationRequest($id: ID!, $approve: Boolean!) {
    reviewAuthorizationRequest(id: $id, approve: $approve) { ${PAYLOAD_FIELDS} }
  }
`

const LICENCE_ADMINISTRATORS = `
  query LicenceAdministrators {
    licenceAdministrators { id name idNumber }
  }
`

const APPOINT_LICENCE_ADMINISTRATOR = `
  mutation AppointLicenceAdministrator($idNumber: String!) {
    appointLicenceAdministrator(idNumber: $idNumber) { ok ${FIELD_ERROR} }
  }
`

const REMOVE_LICENCE_ADMINISTRATOR = `
  mutation RemoveLicenceAdministrator($id: ID!) {
    removeLicenceAdministrator(id: $id) { ok ${FIELD_ERROR} }
  }
`

/** Maximum number of licence administrators per unit, as the API enforces. */
export const MAX_LICENCE_ADMINISTRATORS = 5

/** Returns the unit's licence administrators { id, name, idNumber (masked) }; legal representative only. */
export async function fetchLicenceAdministrators() {
  const data = await graphql(LICENCE_ADMINISTRATORS)
  return data.licenceAdministrators
}

/** Appoints the real-name account with this ID number as licence administrator and returns { ok, errors }. */
export async function appointLicenceAdministrator(idNumber) {
  const data = await graphql(APPOINT_LICENCE_ADMINISTRATOR, { idNumber })
  return data.appointLicenceAdministrator
}

/** Removes a licence administrator by its id and returns { ok, errors }. */
export async function removeLicenceAdministrator(id) {
  const data = await graphql(REMOVE_LICENCE_ADMINISTRATOR, { id })
  return data.removeLicenceAdministrator
}

/** Returns the unit's authorizations and requests, newest first; numbers are masked unless fullValues. */
export async function fetchAuthorizations(fullValues = false) {
  const data = await graphql(AUTHORIZATIONS, { fullValues })
  return data.authorizations
}

/** Grants an operator authorization and returns the AuthorizationPayload { authorization, errors }. */
export async function grantAuthorization(input) {
  const data = await graphql(GRANT_AUTHORIZATION, { input })
  return data.grantAuthorization
}

/** Changes the scope, business types, validity or mobile of an authorization and returns { authorization, errors }. */
export async function changeAuthorization(id, input) {
  const data = await graphql(CHANGE_AUTHORIZATION, { id, input })
  return data.changeAuthorization
}

/** Revokes an authorization and returns { authorization, errors }. */
export async function revokeAuthorization(id) {
  const data = await graphql(REVOKE_AUTHORIZATION, { id })
  return data.revokeAuthorization
}

/** Sends an operator's authorization request to the unit with the given credit code and returns { authorization, errors }. */
export async function requestAuthorization(input) {
  const data = await graphql(REQUEST_AUTHORIZATION, { input })
  return data.requestAuthorization
}

/** Approves or rejects an authorization request and returns { authorization, errors }. */
export async function reviewAuthorizationRequest(id, approve) {
  const data = await graphql(REVIEW_AUTHORIZATION_REQUEST, { id, approve })
  return data.reviewAuthorizationRequest
}

/** Chinese labels of AuthorizationScope values. */
export const SCOPE_LABELS = {
  FULL: '全业务授权',
  PRECISE: '精准授权',
}

/** Chinese labels of BusinessType values, in the order the forms list them. */
export const BUSINESS_TYPE_LABELS = {
  ENROLLMENT: '职工参保登记',
  SUSPENSION: '职工暂停参保',
}

/** Chinese labels of GrantStatus values. */
export const GRANT_STATUS_LABELS = {
  REQUESTED: '待审批',
  ACTIVE: '已授权',
  REJECTED: '已拒绝',
  REVOKED: '已撤销',
}

/** uni-tag types that colour each GrantStatus value. */
export const GRANT_STATUS_TAG_TYPES = {
  REQUESTED: 'warning',
  ACTIVE: 'success',
  REJECTED: 'default',
  REVOKED: 'default',
}

/** Joins the Chinese labels of BusinessType values with 、, or returns 无 for none. */
export function businessTypesLabel(types) {
  if (!types || types.length === 0) return '无'
  return types.map((type) => BUSINESS_TYPE_LABELS[type] || type).join('、')
}

/** Roles that may list, grant, revoke and review the unit's authorizations. */
export const AUTHORIZATION_MANAGER_ROLES = ['LEGAL_REPRESENTATIVE', 'LICENCE_ADMINISTRATOR']

/** Formats a local date as YYYY-MM-DD, the format of the Date scalar. */
export function formatDate(date) {
  const pad = (number) => String(number).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** Returns today and the same day one year later as YYYY-MM-DD, the default validity of a new authorization. */
export function defaultValidity() {
  const today = new Date()
  const nextYear = new Date(today)
  nextYear.setFullYear(today.getFullYear() + 1)
  return { validFrom: formatDate(today), validTo: formatDate(nextYear) }
}

/**
 * Checks the scope, business types and validity shared by the grant and
 * request forms, as the API does, and returns error messages by input field.
 */
export function validateAuthorizationTerms({ scope, businessTypes, validFrom, validTo }) {
  const errors = {}
  if (!scope) errors.scope = '请选择授权方式'
  if (scope === 'PRECISE' && businessTypes.length === 0) errors.businessTypes = '精准授权请至少选择一项授权业务'
  if (!validFrom) errors.validFrom = '请选择授权起始日期'
  if (!validTo) errors.validTo = '请选择授权截止日期'
  // YYYY-MM-DD strings compare in date order.
  if (validFrom && validTo && validTo < validFrom) errors.validTo = '授权截止日期不能早于起始日期'
  return errors
}
