/**
 * The error codes the CAMS emulator answers with, and the HTTP status of each. The names are
 * Alibaba's (its public error centre and the SDKs' lists of common codes); where Alibaba does not
 * document a status, the one here is the emulator's choice (docs/emulator.md lists them).
 */

/** An error answer before any business logic: its HTTP status, Code and Message. */
export interface ApiError {
  status: number;
  /** An ApiErrorCode, or a parameter's `Missing…`/`Invalid…` code. */
  code: string;
  message: string;
}

/** Every error Code the emulator sends outside an HTTP 200 body, with its HTTP status. */
export const API_ERROR_STATUS = {
  IncompleteSignature: 400,
  InvalidSignatureMethod: 400,
  'InvalidAccessKeyId.NotFound': 404,
  SignatureDoesNotMatch: 400,
  'InvalidTimeStamp.Format': 400,
  'InvalidTimeStamp.Expired': 400,
  SignatureNonceUsed: 400,
  MissingSecurityToken: 400,
  'InvalidSecurityToken.MismatchWithAccessKey': 400,
  InvalidVersion: 400,
  'InvalidAction.NotFound': 404,
  UnsupportedHTTPMethod: 400,
  InvalidParameter: 400,
  MissingParameter: 400,
  'Throttling.User': 400,
  InternalError: 500,
  ServiceUnavailable: 503,
  'Forbidden.RAM': 403,
  RequestEntityTooLarge: 413,
} as const;

/** One of the codes in API_ERROR_STATUS. */
export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/** An ApiError with the status its code has. */
export function apiError(code: ApiErrorCode, message: string): ApiError {
  return { status: API_ERROR_STATUS[code], code, message };
}

/**
 * A parameter error in Alibaba's `Missing{ParameterName}` / `Invalid{ParameterName}` form, e.g.
 * `MissingInstanceName`, `InvalidContactMail`: HTTP 400. Its code is not in API_ERROR_STATUS
 * because it names the parameter.
 */
export function parameterError(kind: 'Missing' | 'Invalid', parameter: string, message: string): ApiError {
  return { status: 400, code: `${kind}${parameter}`, message };
}
