// Operations that the server gains on another branch: the person
// information change (changePersonInfo), material upload (uploadMaterial)
// and the insurance certificate (issueCertificate, verifyCertificate).
// TODO(miniapp): the documents follow main's schema.graphql as of commit
// 13dce23, which this branch does not contain yet, so no test has sent them.
// Move them to api/declaration.js and api/unit.js after the merge.
import { graphql } from '../http/graphql.js'
import { uploadGraphQL } from '../platform/files.js'

const FIELD_ERROR = 'errors { field code message }'

const UPLOAD_MATERIAL = `
  mutation UploadMaterial($declarationKind: DeclarationKind!, $materialKind: MaterialKind!, $file: Upload!) {
    uploadMaterial(declarationKind: $declarationKind, materialKind: $materialKind, file: $file) {
      material { id fileName } ${FIELD_ERROR}
    }
  }
`

const CHANGE_PERSON_INFO = `
  mutation ChangePersonInfo($input: ChangePersonInfoInput!) {
    changePersonInfo(input: $input) { declaration { id } ${FIELD_ERROR} }
  }
`

const ISSUE_CERTIFICATE = `
  mutation IssueCertificate($ssns: [String!]!) {
    issueCertificate(ssns: $ssns) { url code personCount }
  }
`

const VERIFY_CERTIFICATE = `
  query VerifyCertificate($code: String!) {
    verifyCertificate(code: $code) { valid message unitName issuedOn persons { name ssn } }
  }
`

/** The material kind of the person information change form. */
export const PERSON_CHANGE_MATERIAL = {
  kind: 'CHANGE_FORM',
  label: '《社会保险参保信息变更登记表》',
}

/**
 * Uploads one material for a declaration kind (a DeclarationKind such as
 * PERSON_CHANGE) and returns { material: { id, fileName }, errors }.
 * Mini-programs send one file per request, so this is their way to attach
 * several materials.
 */
export async function uploadMaterial(declarationKind, materialKind, file) {
  const variables = { declarationKind, materialKind, file: null }
  const data = await uploadGraphQL(UPLOAD_MATERIAL, variables, [{ variable: 'variables.file', file }])
  return data.uploadMaterial
}

/** Submits a person information change and returns { declaration, errors }. */
export async function changePersonInfo(input) {
  const data = await graphql(CHANGE_PERSON_INFO, { input })
  return data.changePersonInfo
}

/** Issues the certificate PDF of the persons (all for none) and returns { url, code, personCount }. */
export async function issueCertificate(ssns) {
  const data = await graphql(ISSUE_CERTIFICATE, { ssns })
  return data.issueCertificate
}

/** Verifies a certificate code without login and returns { valid, message, unitName, issuedOn, persons } with masked data. */
export async function verifyCertificate(code) {
  const data = await graphql(VERIFY_CERTIFICATE, { code })
  return data.verifyCertificate
}
