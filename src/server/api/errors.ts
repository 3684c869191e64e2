/**
 * An error the API reports to its caller: the status, a message a person can act on and,
 * for bad input, the query parameter at fault (so a client can highlight the right field).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly parameter?: string;
  constructor(status: number, message: string, parameter?: string) {
    super(message);
    this.status = status;
    this.parameter = parameter;
    this.name = 'ApiError';
  }

  toJSON(): { error: string; parameter?: string } {
    return this.parameter === undefined ? { error: this.message } : { error: this.message, parameter: this.parameter };
  }
}

export const badRequest = (parameter: string, message: string) => new ApiError(400, message, parameter);
export const notFound = (message: string) => new ApiError(404, message);
