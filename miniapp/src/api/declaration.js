// Declarations of the GraphQL API: progress and review (Query.declarations,
// declaration, Mutation.withdrawDeclaration, reviewDeclaration), the
// person actions that create them (enrollPerson, suspendPerson,
// applyBackPayment, declareAnnualWage, changePersonInfo, with
// enrollmentPreview and suspensionPreview), uploadMaterial and
// Subscription.declarationUpdates.
import { graphql } from '../http/graphql.js'
import { subscribe } from '../http/subscription.js'
import { uploadGraphQL } from '../platform/files.js'

const FIELD_ERROR = 'errors { field code message }'
const PLANNED_RECORD = `
  regionName insuranceType insuranceTypeLabel base baseFloor baseCeiling baseAdjustment
  rateGrade firstEnrollMonth parametersAreSamples
`
const REFUNDS = 'insuranceTypes refunds { month base individualAmount } refundTotal'
const BACK_PAYMENT = `
  fromMonth toMonth declaredBase appliedOn insuranceTypes baseAdjusted
  lines { month insuranceType base unitAmount individualAmount lateFee lateFeeDays total }
  unitTotal individualTotal lateFeeTotal total
`
const DECLARATION_SUMMARY = `
  id kind kindLabel status statusLabel canWithdraw ssn personName businessDate
  settlementMonth submittedAt reviewedAt reviewComment unit { name creditCode }
`
const DECLARATION_DETAIL = `
  ${DECLARATION_SUMMARY} submittedBy submittedAs reviewerName
  enrollment {
    reenrollment enrollDate identity declaredWage mobile address jobType retirementAge
    employmentForm records { ${PLANNED_RECORD} }
  }
  suspension { reason reasonLabel suspendDate remark ${REFUNDS} }
  backPayment { ${BACK_PAYMENT} }
  annualWage { year averageWage baseYear }
  changes { field label before after }
  addedRecords { ${PLANNED_RECORD} }
  materials { id kind kindLabel fileName contentType size uploadedAt downloadUrl }
`

const DECLARATIONS = `
  query Declarations($filter: DeclarationFilter, $page: Int!, $pageSize: Int!) {
    declarations(filter: $filter, page: $page, pageSize: $pageSize) {
      totalCount
      items { ${DECLARATION_SUMMARY} }
    }
  }
`

const DECLARATION_UPDATES = `
  subscription DeclarationUpdates {
    declarationUpdates { ${DECLARATION_SUMMARY} }
  }
`

const DECLARATION = `
  query Declaration($id: ID!) {
    declaration(id: $id) { ${DECLARATION_DETAIL} }
  }
`

const WITHDRAW = `
  mutation WithdrawDeclaration($id: ID!) {
    withdrawDeclaration(id: $id) { declaration { ${DECLARATION_SUMMARY} } ${FIELD_ERROR} }
  }
`

const REVIEW = `
  mutation ReviewDeclaration($id: ID!, $approve: Boolean!, $comment: String!) {
    reviewDeclaration(id: $id, approve: $approve, comment: $comment) {
      declaration { ${DECLARATION_SUMMARY} } ${FIELD_ERROR}
    }
  }
`

const ENROLLMENT_PREVIEW = `
  query EnrollmentPreview($input: EnrollPersonInput!) {
    enrollmentPreview(input: $input) {
      preview { reenrollment baseAdjusted records { ${PLANNED_RECORD} } } ${FIELD_ERROR}
    }
  }
`

const ENROLL = `
  mutation EnrollPerson($input: EnrollPersonInput!) {
    enrollPerson(input: $input) { declaration { id kind kindLabel } ${FIELD_ERROR} }
  }
`

const SUSPENSION_PREVIEW = `
  query SuspensionPreview($input: SuspendPersonInput!) {
    suspensionPreview(input: $input) { ${REFUNDS} ${FIELD_ERROR} }
  }
`

const SUSPEND = `
  mutation SuspendPerson($input: SuspendPersonInput!) {
    suspendPerson(input: $input) { declaration { id } ${REFUNDS} ${FIELD_ERROR} }
  }
`

const APPLY_BACK_PAYMENT = `
  mutation ApplyBackPayment($input: ApplyBackPaymentInput!) {
    applyBackPayment(input: $input) {
      declaration { id } backPayment { ${BACK_PAYMENT} } ${FIELD_ERROR}
    }
  }
`

const DECLARE_ANNUAL_WAGE = `
  mutation DeclareAnnualWage($input: DeclareAnnualWageInput!) {
    declareAnnualWage(input: $input) {
      declaration { id } bases { insuranceType base baseAdjustment } ${FIELD_ERROR}
    }
  }
`

const UPLOAD_MATERIAL = `
  mutation UploadMaterial($declarationKind: DeclarationKind!, $materialKind: MaterialKind!, $file: Upload!) {
    uploadMaterial(declarationKind: $declarationKind, materialKind: $materialKind, file: $file) {
      material { id fileName } ${FIELD_ERROR}
    }
  }
`

const CHANGE_PERSON_INFO = `
  mutation ChangePersonInfo($input: ChangePersonInfoInput!) {
    changePersonInfo(input: $input) {
      declaration { id changes { field label before after } } ${FIELD_ERROR}
    }
  }
`

/** Returns one page { totalCount, items } of declarations, newest first. */
export async function fetchDeclarations(filter, page, pageSize = 20) {
  const data = await graphql(DECLARATIONS, { filter, page, pageSize })
  return data.declarations
}

/**
 * Subscribes to the status changes of the unit's declarations (approved,
 * rejected, withdrawn) and returns { close() }. `handlers.next` receives
 * each declaration summary; the other handlers are those of subscribe().
 */
export function subscribeDeclarationUpdates(handlers) {
  return subscribe(DECLARATION_UPDATES, {}, {
    ...handlers,
    next: (data) => handlers.next(data.declarationUpdates),
  })
}

/** Returns one declaration with its content and materials, unmasked, or null. */
export async function fetchDeclaration(id) {
  const data = await graphql(DECLARATION, { id })
  return data.declaration
}

/** Withdraws a pending declaration and returns { declaration, errors }. */
export async function withdrawDeclaration(id) {
  const data = await graphql(WITHDRAW, { id })
  return data.withdrawDeclaration
}

/** Approves or rejects a pending declaration and returns { declaration, errors }. */
export async function reviewDeclaration(id, approve, comment) {
  const data = await graphql(REVIEW, { id, approve, comment })
  return data.reviewDeclaration
}

/** Checks an EnrollPersonInput and returns { preview, errors } without saving. */
export async function previewEnrollment(input) {
  const data = await graphql(ENROLLMENT_PREVIEW, { input })
  return data.enrollmentPreview
}

/** Submits an enrollment or re-enrollment and returns { declaration, errors }. */
export async function enrollPerson(input) {
  const data = await graphql(ENROLL, { input })
  return data.enrollPerson
}

/** Checks a SuspendPersonInput and returns the types, refunds and errors without saving. */
export async function previewSuspension(input) {
  const data = await graphql(SUSPENSION_PREVIEW, { input })
  return data.suspensionPreview
}

/** Submits a suspension and returns { declaration, insuranceTypes, refunds, refundTotal, errors }. */
export async function suspendPerson(input) {
  const data = await graphql(SUSPEND, { input })
  return data.suspendPerson
}

// Replaces each material's picked file by null and lists the files for the
// multipart request, in the order of `materials`.
function materialUploads(materials) {
  const files = materials.map((material, index) => ({
    variable: `variables.input.materials.${index}.file`,
    file: material.file,
  }))
  const inputs = materials.map((material) => ({ kind: material.kind, file: null }))
  return { files, inputs }
}

/**
 * Submits a back payment with its materials ({ kind, file } with a picked
 * file) and returns { declaration, backPayment, errors }.
 */
export async function applyBackPayment(input, materials) {
  const { files, inputs } = materialUploads(materials)
  const data = await uploadGraphQL(APPLY_BACK_PAYMENT, { input: { ...input, materials: inputs } }, files)
  return data.applyBackPayment
}

/** Submits an annual wage declaration with its materials and returns { declaration, bases, errors }. */
export async function declareAnnualWage(input, materials) {
  const { files, inputs } = materialUploads(materials)
  const data = await uploadGraphQL(DECLARE_ANNUAL_WAGE, { input: { ...input, materials: inputs } }, files)
  return data.declareAnnualWage
}

/**
 * Uploads one material for a declaration kind (a DeclarationKind such as
 * PERSON_CHANGE) and returns { material: { id, fileName }, errors }. The
 * declaration then names the id in `materialIds`. Mini-programs send one
 * file per request, so this is how they attach several materials.
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
