import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { asArray, cleanText } from './clean-text';

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
});

/** Result of parsing an XML document: the element tree, or the reason it is not well-formed. */
export type XmlParseResult = { ok: true; document: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Parses an XML document into plain objects with namespace prefixes removed (`dc:title` → `title`),
 * attributes as `@_name` and element text as `#text` when the element also has attributes.
 */
export function parseXml(text: string): XmlParseResult {
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line } = validation.err;
    return { ok: false, reason: `XML is not well-formed: ${msg} (line ${line})` };
  }
  return { ok: true, document: parser.parse(text) as Record<string, unknown> };
}

/** Returns the text of an element (plain text, or `#text` of an element with attributes). */
export function xmlText(node: unknown): string | undefined {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (typeof node === 'object' && node !== null && '#text' in node)
    return xmlText((node as { '#text': unknown })['#text']);
  return undefined;
}

/** Returns the cleaned texts of an element that may repeat. */
export function xmlTexts(node: unknown, maxLength: number): string[] {
  return asArray(node)
    .map((entry) => cleanText(xmlText(entry), maxLength))
    .filter((text): text is string => text !== undefined);
}
