// Error state of a form: messages beside fields (uni-forms-item
// error-message) and one message under the form for the rest.
import { ref } from 'vue'
import { splitPayloadErrors } from '../api/auth.js'

/**
 * Returns { fieldErrors, formError, clear, setClientErrors, showPayloadErrors }
 * for a form whose inputs are named as the API's input fields in `formFields`.
 */
export function useFormErrors(formFields) {
  const fieldErrors = ref({})
  const formError = ref('')

  function clear(fields) {
    const cleared = { ...fieldErrors.value }
    for (const field of fields) delete cleared[field]
    fieldErrors.value = cleared
  }

  // Shows the checks run before sending and returns true when there are none.
  function setClientErrors(errors) {
    fieldErrors.value = errors
    formError.value = ''
    return Object.keys(errors).length === 0
  }

  // Shows the payload errors { field, code, message } of a rejected mutation.
  // Material errors name `materials`, so a form may list that field too.
  function showPayloadErrors(errors, fallback) {
    const shown = splitPayloadErrors(errors, formFields, fallback)
    fieldErrors.value = shown.byField
    formError.value = shown.formError
  }

  function showRequestError(error, fallback) {
    if (!error.handled) formError.value = error.message || fallback
  }

  return { fieldErrors, formError, clear, setClientErrors, showPayloadErrors, showRequestError }
}
