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
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ loaded: file.size, total: file.size });
        resolve(body as T);
      } else reject(new ApiError(xhr.status, (body ?? {}) as object));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'server.unavailable', title: 'Network error' }));
    xhr.onabort = () => reject(new ApiError(0, { code: 'request.aborted', title: 'Cancelled' }));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
