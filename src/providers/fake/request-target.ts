/**
 * Maps a request path to the OpenAI route it is served as. OpenAI's shape is `/v1/...`. Azure's
 * (what the SDK's `AzureOpenAI` calls, node_modules/openai/azure.js) is `/openai/...` for files,
 * fine-tuning, models and batches, and `/openai/deployments/{deployment}/chat/completions` for
 * inference, always with `?api-version=`; the deployment name stands for the model. Azure's v1 API
 * is `/openai/v1/...` with no api-version: OpenAI's own paths under `/openai`, the deployment named
 * as `model` in the body.
 */
export interface RequestTarget {
  route: string;
  azure: boolean;
  deployment: string | null;
  /** Azure's v1 API (`/openai/v1/...`): no api-version query. */
  v1?: boolean;
}

const AZURE_DEPLOYMENT = /^\/deployments\/([^/]+)(\/.*)$/;

export const requestTarget = (pathname: string, azureEnabled: boolean): RequestTarget | null => {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/v1' || path.startsWith('/v1/')) return { route: path, azure: false, deployment: null };
  // Fireworks serves its OpenAI-compatible inference under /inference/v1; only its dialect has routes there.
  if (path.startsWith('/inference/v1/')) return { route: path, azure: false, deployment: null };
  if (!azureEnabled || !path.startsWith('/openai/')) return null;
  if (path === '/openai/v1' || path.startsWith('/openai/v1/')) return { route: path.slice('/openai'.length), azure: true, deployment: null, v1: true };
  let rest = path.slice('/openai'.length);
  let deployment: string | null = null;
  const m = AZURE_DEPLOYMENT.exec(rest);
  if (m) {
    // The SDK does not percent-encode deployment names (ft: names keep their colons); decode if it was.
    deployment = safeDecode(m[1]!);
    rest = m[2]!;
  }
  return { route: `/v1${rest}`, azure: true, deployment };
};

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
