import { ApiError } from './http.ts';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Sends one file as multipart/form-data (field "file") with XMLHttpRequest, which reports upload
 * progress (fetch does not). Resolves with the JSON answer; rejects with ApiError.
 */
export function uploadFile<T>(url: string, file: File, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return sendForm<T>(url, form, { total: file.size, onProgress, ...(signal ? { signal } : {}) });
}

/** Sends a whole multipart form (fields and files) with its upload progress; `total` is the files' size. */
export function sendForm<T>(url: string, form: FormData, opts: { total: number; onProgress: (p: UploadProgress) => void; signal?: AbortSignal; headers?: Record<string, string> }): Promise<T> {
  const { total, onProgress, signal } = opts;
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(opts.headers ?? {})) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : total });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ loaded: total, total });
        resolve(body as T);
      } else reject(new ApiError(xhr.status, (body ?? {}) as object));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'server.unavailable', title: 'Network error' }));
    xhr.onabort = () => reject(new ApiError(0, { code: 'request.aborted', title: 'Cancelled' }));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
