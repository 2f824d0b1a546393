// Batch import of the GraphQL API (Query.batchTemplate, importBatch,
// importProgress, Mutation.previewImport, confirmImport and
// Subscription.importProgress).
import { graphql } from '../http/graphql.js'
import { subscribe } from '../http/subscription.js'
import { uploadGraphQL } from '../platform/files.js'

const FIELD_ERROR = 'errors { field code message }'
const PREVIEW_FIELDS = `
  ${FIELD_ERROR} id kind status fileName validCount invalidCount summary expiresAt errorWorkbookUrl
  rows(limit: $limit) { row valid ssn name errors { field code message } }
`

const TEMPLATE = `
  query BatchTemplate($kind: ImportKind!) { batchTemplate(kind: $kind) { url fileName } }
`

const PREVIEW = `
  mutation PreviewImport($kind: ImportKind!, $file: Upload!, $uploadId: ID, $limit: Int) {
    previewImport(kind: $kind, file: $file, uploadId: $uploadId) { ${PREVIEW_FIELDS} }
  }
`

const CONFIRM = `
  mutation ConfirmImport($id: ID!) { confirmImport(id: $id) { count ${FIELD_ERROR} } }
`

const PROGRESS = `
  query ImportProgress($id: ID!) { importProgress(id: $id) { id status processed total } }
`

const PROGRESS_UPDATES = `
  subscription ImportProgressUpdates($id: ID!) { importProgress(id: $id) { id status processed total } }
`

/** Rows of a preview shown at once; the summary counts every row. */
export const PREVIEW_ROW_LIMIT = 200

/** Returns the template download { url, fileName } of a kind (ENROLL or SUSPEND). */
export async function fetchBatchTemplate(kind) {
  const data = await graphql(TEMPLATE, { kind })
  return data.batchTemplate
}

/**
 * Uploads a picked workbook under `uploadId` (a UUID, so progress can be
 * followed while it uploads) and returns the ImportPreview.
 */
export async function previewImport(kind, file, uploadId) {
  const variables = { kind, file: null, uploadId, limit: PREVIEW_ROW_LIMIT }
  const data = await uploadGraphQL(PREVIEW, variables, [{ variable: 'variables.file', file }])
  return data.previewImport
}

/** Saves the valid rows of a preview as declarations and returns { count, errors }. */
export async function confirmImport(id) {
  const data = await graphql(CONFIRM, { id })
  return data.confirmImport
}

/** Returns { status, processed, total } of an import, or null while the server has none. */
export async function fetchImportProgress(id) {
  const data = await graphql(PROGRESS, { id })
  return data.importProgress
}

/**
 * Subscribes to the progress of an import and returns { close() }.
 * `handlers.next` receives each { status, processed, total }; the server
 * completes the subscription once the import rests (not READING or
 * CONFIRMING). The other handlers are those of subscribe().
 */
export function subscribeImportProgress(id, handlers) {
  return subscribe(PROGRESS_UPDATES, { id }, {
    ...handlers,
    next: (data) => handlers.next(data.importProgress),
  })
}

/** Returns a random UUID version 4 for uploadId. */
export function newUploadId() {
  const hex = '0123456789abcdef'
  let text = ''
  for (let i = 0; i < 32; i += 1) {
    let digit = Math.floor(Math.random() * 16)
    if (i === 12) digit = 4
    if (i === 16) digit = (digit & 0x3) | 0x8
    text += hex[digit]
  }
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`
}
