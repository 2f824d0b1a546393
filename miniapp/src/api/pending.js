// Operations that the server gains on another branch: the person
// information change (changePersonInfo), material upload (uploadMaterial)
// and the insurance certificate (issueCertificate, verifyCertificate).
// TODO(miniapp): these documents follow the names fixed for that branch but
// are not in schema.graphql yet; check the selections against the schema
// once it lands, before relying on the pages that call them.
import { graphql } from '../http/graphql.js'
import { uploadGraphQL } from '../platform/files.js'

const FIELD_ERROR = 'errors { field code message }'

const UPLOAD_MATERIAL = `
  mutation UploadMaterial($kind: String!, $file: Upload!) {
    uploadMaterial(kind: $kind, file: $file) { id fileName ${FIELD_ERROR} }
  }
`

const CHANGE_PERSON_INFO = `
  mutation ChangePersonInfo($input: ChangePersonInfoInput!) {
    changePersonInfo(input: $input) { declaration { id } ${FIELD_ERROR} }
  }
`

const ISSUE_CERTIFICATE = `
  mutation IssueCertificate($ssns: [String!]!) {
    issueCertificate(ssns: $ssns) { url code }
  }
`

const VERIFY_CERTIFICATE = `
  query VerifyCertificate($code: String!) {
    verifyCertificate(code: $code) { code }
  }
`

/** The material kind of the person information change form. */
export const PERSON_CHANGE_MATERIAL = {
  kind: 'PERSON_INFO_CHANGE_FORM',
  label: '社会保险参保信息变更登记表',
}

/** Uploads one material file and returns { id, fileName, errors }. */
export async function uploadMaterial(kind, file) {
  const data = await uploadGraphQL(UPLOAD_MATERIAL, { kind, file: null }, [{ variable: 'variables.file', file }])
  return data.uploadMaterial
}

/** Submits a person information change and returns { declaration, errors }. */
export async function changePersonInfo(input) {
  const data = await graphql(CHANGE_PERSON_INFO, { input })
  return data.changePersonInfo
}

/** Issues the certificate PDF of the persons and returns { url, code }. */
export async function issueCertificate(ssns) {
  const data = await graphql(ISSUE_CERTIFICATE, { ssns })
  return data.issueCertificate
}

/** Looks up a certificate by its verification code; public, no login needed. */
export async function verifyCertificate(code) {
  const data = await graphql(VERIFY_CERTIFICATE, { code })
  return data.verifyCertificate
}
