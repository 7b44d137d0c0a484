import { expect, test } from 'vitest';
import { checkExample } from '../../../src/stages/validate/check-example.js';

const ANSWER = { role: 'assistant', content: 'That is a healthy fern.' };
const image = (url: string, extra: Record<string, unknown> = {}) => ({ type: 'image_url', image_url: { url, ...extra } });
const withImages = (...parts: unknown[]) => ({ messages: [{ role: 'user', content: [{ type: 'text', text: 'What plant is this?' }, ...parts] }, ANSWER] });
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

test('user images by https URL or base64 data URL of jpeg, png or webp are valid', () => {
  expect(checkExample(withImages(image('https://img.example.org/fern.jpg', { detail: 'low' }), image(PNG)))).toEqual([]);
  expect(checkExample(withImages(image('http://img.example.org/a.webp'), image('data:image/jpeg;base64,/9j/4AAQ'), image('data:image/webp;base64,UklGRg==')))).toEqual([]);
});

test('invalid_image: images are allowed only in user messages', () => {
  const system = { role: 'system', content: [{ type: 'text', text: 'Be brief.' }, image(PNG)] };
  expect(checkExample({ messages: [system, { role: 'user', content: 'Hi' }, ANSWER] })).toEqual([
    { category: 'invalid_image', message: 'images are allowed only in user messages, not system', path: 'messages[0].content[1]' },
  ]);
  expect(checkExample({ messages: [{ role: 'user', content: 'Draw a fern' }, { role: 'assistant', content: [image(PNG)] }] })).toEqual([
    { category: 'invalid_image', message: 'images are allowed only in user messages, not assistant', path: 'messages[1].content[0]' },
  ]);
});

test('invalid_image: URL scheme, data URL type and payload', () => {
  expect(checkExample(withImages(image('ftp://img.example.org/fern.jpg')))).toEqual([
    { category: 'invalid_image', message: 'image URL must be http(s) or a base64 data URL, got scheme "ftp:"', path: 'messages[0].content[1].image_url.url' },
  ]);
  expect(checkExample(withImages(image('fern.jpg')))).toEqual([
    { category: 'invalid_image', message: 'image URL "fern.jpg" is not a valid URL', path: 'messages[0].content[1].image_url.url' },
  ]);
  expect(checkExample(withImages(image('data:image/gif;base64,R0lGODlh')))).toEqual([
    { category: 'invalid_image', message: 'a data URL must be data:image/jpeg, image/png or image/webp with ;base64,', path: 'messages[0].content[1].image_url.url' },
  ]);
  expect(checkExample(withImages(image('data:image/png;base64,not base64!')))).toEqual([
    { category: 'invalid_image', message: 'data URL payload is not valid base64', path: 'messages[0].content[1].image_url.url' },
  ]);
});

test('invalid_image: a data URL over 10 MB', () => {
  const big = `data:image/png;base64,${'A'.repeat(14_000_000)}`;
  expect(checkExample(withImages(image(big)))).toEqual([
    { category: 'invalid_image', message: 'image is 10500000 bytes, over the 10 MB limit', path: 'messages[0].content[1].image_url.url' },
  ]);
});

test('invalid_image: image_url shape and detail', () => {
  expect(checkExample(withImages({ type: 'image_url', image_url: 'https://img.example.org/a.png' }))).toEqual([
    { category: 'invalid_image', message: 'image_url must be an object with a url, got string', path: 'messages[0].content[1].image_url' },
  ]);
  expect(checkExample(withImages(image('https://img.example.org/a.png', { detail: 'medium' })))).toEqual([
    { category: 'invalid_image', message: 'detail must be one of low, high, auto, got "medium"', path: 'messages[0].content[1].image_url.detail' },
  ]);
  expect(checkExample(withImages(image('https://img.example.org/a.png', { alt: 'fern' })))).toEqual([
    { category: 'invalid_image', message: 'image_url has unrecognized key(s) "alt"', path: 'messages[0].content[1].image_url' },
  ]);
});

test('invalid_image: more than 10 images in one example', () => {
  const eleven = Array.from({ length: 11 }, (_, i) => image(`https://img.example.org/${i}.png`));
  expect(checkExample(withImages(...eleven))).toEqual([{ category: 'invalid_image', message: 'example has 11 images; OpenAI allows at most 10' }]);
  expect(checkExample(withImages(...eleven.slice(1)))).toEqual([]);
});
