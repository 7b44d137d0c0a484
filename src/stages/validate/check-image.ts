import { issue, type FormatIssue } from './categories.js';
import { extraKeys, isNonEmptyString, isObject, kindOf, quoteList } from './shape.js';

/** Vision fine-tuning limits (OpenAI vision fine-tuning guide, "Image data requirements"). */
export const MAX_IMAGES_PER_EXAMPLE = 10;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const DETAILS = ['low', 'high', 'auto'];
// `jpg` is not a registered MIME subtype but is common in the wild; the bytes are the same JPEG.
const DATA_URL = /^data:image\/(jpeg|jpg|png|webp);base64,/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decoded size of a base64 payload, without decoding it. */
const base64Bytes = (payload: string): number => Math.floor((payload.length * 3) / 4) - (payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0);

const checkDataUrl = (url: string, path: string): FormatIssue[] => {
  const head = DATA_URL.exec(url);
  if (!head) return [issue('invalid_image', 'a data URL must be data:image/jpeg, image/png or image/webp with ;base64,', path)];
  const payload = url.slice(head[0].length);
  const bytes = base64Bytes(payload);
  // Size first: no point running the alphabet check over a payload that is rejected anyway.
  if (bytes > MAX_IMAGE_BYTES) return [issue('invalid_image', `image is ${bytes} bytes, over the 10 MB limit`, path)];
  if (payload.length === 0 || payload.length % 4 !== 0 || !BASE64.test(payload)) {
    return [issue('invalid_image', 'data URL payload is not valid base64', path)];
  }
  return [];
};

const checkHttpUrl = (url: string, path: string): FormatIssue[] => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [issue('invalid_image', `image URL "${url.slice(0, 80)}" is not a valid URL`, path)];
  }
  if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '') return [];
  return [issue('invalid_image', `image URL must be http(s) or a base64 data URL, got scheme "${parsed.protocol}"`, path)];
};

/** One `{type: "image_url", image_url: {url, detail?}}` part of a user message; `path` is the part's. */
export const checkImagePart = (part: Record<string, unknown>, path: string): FormatIssue[] => {
  const extra = extraKeys(part, ['type', 'image_url']);
  if (extra.length > 0) return [issue('invalid_image', `image part has unrecognized key(s) ${quoteList(extra)}`, path)];
  const image = part['image_url'];
  if (!isObject(image)) return [issue('invalid_image', `image_url must be an object with a url, got ${kindOf(image)}`, `${path}.image_url`)];
  const extraImage = extraKeys(image, ['url', 'detail']);
  if (extraImage.length > 0) return [issue('invalid_image', `image_url has unrecognized key(s) ${quoteList(extraImage)}`, `${path}.image_url`)];
  const issues: FormatIssue[] = [];
  if ('detail' in image && !DETAILS.includes(image['detail'] as string)) {
    issues.push(issue('invalid_image', `detail must be one of low, high, auto, got ${JSON.stringify(image['detail'])}`, `${path}.image_url.detail`));
  }
  const url = image['url'];
  const urlPath = `${path}.image_url.url`;
  if (!isNonEmptyString(url)) issues.push(issue('invalid_image', 'image_url.url must be a non-empty string', urlPath));
  else issues.push(...(url.slice(0, 5).toLowerCase() === 'data:' ? checkDataUrl(url, urlPath) : checkHttpUrl(url, urlPath)));
  return issues;
};
