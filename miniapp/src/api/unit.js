// Unit queries of the GraphQL API (Query.unit, persons, person,
// personnelChanges, settlements, pensionAccount) and the insurance
// certificate (Mutation.issueCertificate). They act for the unit of the
// current token, except verifyCertificate, which needs no login.
import { graphql } from '../http/graphql.js'

const RECORD_FIELDS = `
  insuranceType insuranceTypeLabel status statusLabel enrollDate firstEnrollMonth
  base rateGrade identity jobType retirementAge employmentForm
  suspensionReason suspendDate suspensionRemark
`

const UNIT = `
  query Unit {
    unit {
      id number creditCode name nature region { code name } riskClass rateGrade
      legalRepresentative contactName contactPhone contactMobile contactIdType
      contactIdNumber email postcode address bankCode bankName bankKind
      bankAccount bankAccountName
    }
  }
`

const PERSONS = `
  query Persons($filter: PersonFilter, $page: Int!, $pageSize: Int!) {
    persons(filter: $filter, page: $page, pageSize: $pageSize, fullValues: true) {
      totalCount
      items { ssn name genderLabel mobile records { insuranceType status statusLabel identity base } }
    }
  }
`

const PERSON = `
  query Person($ssn: String!) {
    person(ssn: $ssn) {
      ssn idType name gender genderLabel birthDate nationality ethnicity education
      householdType householdAddress mobile phone address email postcode
      records { ${RECORD_FIELDS} }
    }
  }
`

const PERSONNEL_CHANGES = `
  query PersonnelChanges(
    $kind: PersonnelChangeKind!, $from: Date!, $to: Date!, $ssn: String, $name: String,
    $identity: InsuredIdentity, $insuranceType: InsuranceType, $page: Int!, $pageSize: Int!
  ) {
    personnelChanges(
      kind: $kind, from: $from, to: $to, ssn: $ssn, name: $name, identity: $identity,
      insuranceType: $insuranceType, page: $page, pageSize: $pageSize
    ) {
      totalCount
      items {
        declarationId businessMonth businessDate creditCode unitName ssn name genderLabel
        identity insuranceTypes base suspensionReason
      }
    }
  }
`

const SETTLEMENTS = `
  query Settlements($fromMonth: String!, $toMonth: String!, $insuranceType: InsuranceType) {
    settlements(fromMonth: $fromMonth, toMonth: $toMonth, insuranceType: $insuranceType) {
      id month insuranceType status statusLabel personCount baseTotal unitTotal
      individualTotal total paidAt ratesAreSamples
    }
  }
`

const PENSION_ACCOUNT = `
  query PensionAccount($ssn: String!, $year: Int!) {
    pensionAccount(ssn: $ssn, year: $year) {
      account {
        ssn name year regionName ratesAreSamples
        history {
          year openingBalance monthsPaid credits creditingRate interest closingBalance rateIsSample
        }
      }
      errors { field code message }
    }
  }
`

const ISSUE_CERTIFICATE = `
  mutation IssueCertificate($ssns: [String!]!) {
    issueCertificate(ssns: $ssns) { url code personCount }
  }
`

const VERIFY_CERTIFICATE = `
  query VerifyCertificate($code: String!) {
    verifyCertificate(code: $code) {
      valid message unitName issuedOn
      persons { name ssn insurances { insuranceTypeLabel firstEnrollMonth monthsPaid status } }
    }
  }
`

/** Returns the acting unit with masked mobile, ID and bank account numbers. */
export async function fetchUnit() {
  const data = await graphql(UNIT)
  return data.unit
}

/** Returns one roster page { totalCount, items } for a PersonFilter, with full numbers. */
export async function fetchPersons(filter, page, pageSize = 20) {
  const data = await graphql(PERSONS, { filter, page, pageSize })
  return data.persons
}

/** Returns one person of the unit with full values and records, or null. */
export async function fetchPerson(ssn) {
  const data = await graphql(PERSON, { ssn })
  return data.person
}

/** Returns one page of approved enrollments (INCREASE) or suspensions (SUSPENSION). */
export async function fetchPersonnelChanges(variables) {
  const data = await graphql(PERSONNEL_CHANGES, variables)
  return data.personnelChanges
}

/** Returns the settlements of a month range (YYYYMM), newest month first. */
export async function fetchSettlements(fromMonth, toMonth, insuranceType = null) {
  const data = await graphql(SETTLEMENTS, { fromMonth, toMonth, insuranceType })
  return data.settlements
}

/** Returns the PensionAccountPayload { account, errors } of a person and year. */
export async function fetchPensionAccount(ssn, year) {
  const data = await graphql(PENSION_ACCOUNT, { ssn, year })
  return data.pensionAccount
}

/**
 * Issues the certificate PDF (参保证明) of the given persons, or of all
 * persons for an empty list, and returns { url, code, personCount }. The url
 * is a relative signed link, valid for 15 minutes.
 */
export async function issueCertificate(ssns) {
  const data = await graphql(ISSUE_CERTIFICATE, { ssns })
  return data.issueCertificate
}

/**
 * Verifies a certificate code without login and returns { valid, message,
 * unitName, issuedOn, persons } with masked names and SSNs. The API allows
 * 10 checks a minute per client address.
 */
export async function verifyCertificate(code) {
  const data = await graphql(VERIFY_CERTIFICATE, { code })
  return data.verifyCertificate
}
