// The API client: every call of the app goes through here. Cookie session with the CSRF
// token on writes; errors arrive in the server's one shape and become ApiError.

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public details?: unknown,
  ) {
    super(message);
  }
}

let csrf: string | null = null;

/** Remembers the CSRF token the login or /me answer gave. */
export function setCsrf(token: string | null): void {
  csrf = token;
}

export interface CallOptions {
  body?: unknown;
  raw?: BodyInit;
  headers?: Record<string, string>;
}

/** Calls the API and returns the parsed JSON (or null for 204). */
export async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...(options.headers || {}) };
  let body: BodyInit | undefined = options.raw;
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
  const response = await fetch(path, { method, headers, body, credentials: "same-origin" });
  if (response.status === 204) return null as T;
  const text = await response.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const e = json?.error;
    throw new ApiError(response.status, e?.code ?? "error", e?.message ?? `the server answered ${response.status}`, e?.details);
  }
  const etag = response.headers.get("etag");
  if (etag && json && typeof json === "object") (json as any).__etag = etag;
  return json as T;
}

export const get = <T = any>(path: string) => call<T>("GET", path);
export const post = <T = any>(path: string, body?: unknown) => call<T>("POST", path, { body: body ?? {} });
export const put = <T = any>(path: string, body: unknown, ifMatch?: number) =>
  call<T>("PUT", path, { body, headers: ifMatch !== undefined ? { "if-match": `"${ifMatch}"` } : {} });
export const patch = <T = any>(path: string, body: unknown) => call<T>("PATCH", path, { body });
export const del = <T = any>(path: string, ifMatch?: number) =>
  call<T>("DELETE", path, { headers: ifMatch !== undefined ? { "if-match": `"${ifMatch}"` } : {} });

/** The signed-in user, or null. */
export async function me(): Promise<any | null> {
  try {
    const m = await get("/api/v1/me");
    setCsrf(m.csrf_token ?? null);
    return m;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}
