// Resident ID number check of GB 11643-1999: 17 digits and a check character
// computed with ISO 7064 MOD 11-2.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARACTERS = '10X98765432'

/** Computes the check character of the first 17 digits of a resident ID number. */
export function residentIdCheckCharacter(first17) {
  let sum = 0
  for (let i = 0; i < WEIGHTS.length; i += 1) {
    sum += Number(first17[i]) * WEIGHTS[i]
  }
  return CHECK_CHARACTERS[sum % 11]
}

/**
 * Returns true when `value` is an 18-character resident ID number whose last
 * character matches its check character. A lowercase x is accepted as X.
 * The date of birth and region code are not checked.
 */
export function isValidResidentId(value) {
  const text = String(value || '').toUpperCase()
  if (!/^\d{17}[\dX]$/.test(text)) return false
  return residentIdCheckCharacter(text.slice(0, 17)) === text[17]
}
