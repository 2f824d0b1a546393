// Login and scan-login operations of the GraphQL API (Mutation.login,
// scanLoginTicket, confirmLoginTicket, cancelLoginTicket, Query.me).
import { graphql } from '../http/graphql.js'

const FIELD_ERROR = 'errors { field code message }'
const UNIT_SUMMARY = 'unit { id number creditCode name }'
const MEMBERSHIP_FIELDS = `${UNIT_SUMMARY} role credentials { kind holderName }`

const LOGIN = `
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      ${FIELD_ERROR}
      me { displayName kind role units { ${MEMBERSHIP_FIELDS} } }
    }
  }
`

const ME = `
  query Me {
    me { username displayName kind role regionCodes unit { id name } units { ${MEMBERSHIP_FIELDS} } }
  }
`

const SCAN_LOGIN_TICKET = `
  mutation ScanLoginTicket($ticket: String!) {
    scanLoginTicket(ticket: $ticket) {
      systemName
      expiresAt
      units { ${UNIT_SUMMARY} role }
      ${FIELD_ERROR}
    }
  }
`

const CONFIRM_LOGIN_TICKET = `
  mutation ConfirmLoginTicket(
    $ticket: String!
    $unitId: ID!
    $pin: String!
    $credentialKind: CredentialKind!
  ) {
    confirmLoginTicket(ticket: $ticket, unitId: $unitId, pin: $pin, credentialKind: $credentialKind) {
      status
      ${FIELD_ERROR}
    }
  }
`

const CANCEL_LOGIN_TICKET = `
  mutation CancelLoginTicket($ticket: String!) {
    cancelLoginTicket(ticket: $ticket) {
      status
      ${FIELD_ERROR}
    }
  }
`

/** Logs in with a password and returns the LoginPayload { token, errors, me }. */
export async function login(username, password) {
  const data = await graphql(LOGIN, { username, password })
  return data.login
}

/**
 * Returns the logged-in account: its role in the unit of the token and the
 * units it may act for, each with the unit's credentials.
 */
export async function fetchMe() {
  const data = await graphql(ME)
  return data.me
}

/** Returns the ScanLoginTicketPayload { systemName, expiresAt, units, errors }. */
export async function scanLoginTicket(ticket) {
  const data = await graphql(SCAN_LOGIN_TICKET, { ticket })
  return data.scanLoginTicket
}

/**
 * Confirms a scanned ticket for one unit with the PIN of the chosen credential
 * (a CredentialKind value, BUSINESS_LICENCE by default) and returns { status, errors }.
 */
export async function confirmLoginTicket(ticket, unitId, pin, credentialKind = 'BUSINESS_LICENCE') {
  const data = await graphql(CONFIRM_LOGIN_TICKET, { ticket, unitId, pin, credentialKind })
  return data.confirmLoginTicket
}

/** Cancels a scanned ticket, so the portal gets the status CANCELLED, and returns { status, errors }. */
export async function cancelLoginTicket(ticket) {
  const data = await graphql(CANCEL_LOGIN_TICKET, { ticket })
  return data.cancelLoginTicket
}

/** Chinese labels of MembershipRole values. */
export const ROLE_LABELS = {
  LEGAL_REPRESENTATIVE: '法定代表人',
  OPERATOR: '经办人',
  LICENCE_ADMINISTRATOR: '证照管理员',
}

/** Chinese labels of CredentialKind values, in the order the scan page lists them. */
export const CREDENTIAL_KIND_LABELS = {
  BUSINESS_LICENCE: '电子营业执照',
  DIGITAL_CERTIFICATE: '数字法人证书',
}

/** Chinese labels of LoginTicketStatus values. */
export const TICKET_STATUS_LABELS = {
  WAITING: '等待扫码',
  SCANNED: '已扫码，等待确认',
  CONFIRMED: '已确认登录',
  CANCELLED: '已取消',
  EXPIRED: '已过期',
}

/** Groups payload error messages by input field, with field-less errors under ''. */
export function groupFieldErrors(errors = []) {
  const grouped = {}
  for (const error of errors) {
    const key = error.field || ''
    grouped[key] = grouped[key] ? `${grouped[key]}；${error.message}` : error.message
  }
  return grouped
}

/**
 * Splits payload errors into messages by input field, for the fields in
 * `formFields`, and one message for the rest (no field, or a field the form
 * has no input for). An empty error list gives `fallback` as that message.
 */
export function splitPayloadErrors(errors, formFields, fallback) {
  const byField = {}
  const otherMessages = []
  for (const [field, message] of Object.entries(groupFieldErrors(errors))) {
    if (formFields.includes(field)) byField[field] = message
    else otherMessages.push(message)
  }
  const formError = errors.length === 0 ? fallback : otherMessages.join('；')
  return { byField, formError }
}
