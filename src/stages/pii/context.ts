/**
 * Context tests look at the words just before a match: the same digits are a phone number after
 * "call" and an order number after "order #", and no checksum can tell them apart.
 */
export const before = (text: string, index: number, window = 40): string => text.slice(Math.max(0, index - window), index);

/** Words after which a number is an identifier of something else, never card or phone data. */
export const ID_CONTEXT =
  /\b(?:order|invoice|tracking|isbn(?:-1[03])?|issn|serial|sku|ref(?:erence)?|confirmation|ticket|case|receipt|shipment|parcel|booking|part|model|po|build|account id|customer id)\b[^\n\d]{0,16}$/i;

/** Words that announce a phone number (a bare 10-digit run needs one of them). */
export const PHONE_CONTEXT =
  /\b(?:call(?:ed|ing)?|phone|tel|telephone|mobile|cell|fax|whatsapp|sms|text(?:ed)?|ring|dial|hotline|landline|contact|reach(?:ed)?)\b[^\n]{0,30}$/i;

/** Words after which dotted numbers are a version or a section, not an IPv4 address. */
export const VERSION_CONTEXT =
  /\b(?:version|ver|v|release|rel|build|firmware|fw|update|upgrade|patch|rev|revision|sdk|section|chapter|step|clause|rule|§)\.?(?:\s+(?:is|was|of|to|from|number|no\.?))?\s*[:#=]?\s*$/i;

/** Words near a short compressed IPv6 form (`::1`) that make it an address, not code. */
export const IP_CONTEXT =
  /\b(?:ip|ipv6|ip6|address(?:es)?|addr|host(?:name)?|localhost|loopback|bind|bound|listen(?:s|ing)?|server|connect(?:s|ed|ion)?|ping|client|from|resolve[sd]?|interface|gateway|dns|route|peer)\b[^\n]{0,30}$/i;
