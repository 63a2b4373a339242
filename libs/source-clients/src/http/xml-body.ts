import { XMLParser, XMLValidator } from 'fast-xml-parser';

import type { JsonObject } from './json-body';
import type { SourceHttp, TextResponse } from './source-http';

/**
 * Same settings as the XML reader of `@atlas/source-parsers`, so that elements handed to its
 * parsers have the shape they expect: namespace prefixes removed, attributes as `@_name`, values
 * kept as text.
 */
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

/** Parses an XML body, raising the invalid-response error (naming the URL) when it is not well-formed. */
export function parseXmlDocument(http: SourceHttp, response: TextResponse): JsonObject {
  const validation = XMLValidator.validate(response.body);
  if (validation !== true) {
    const { msg, line } = validation.err;
    throw http.invalidResponse(response.url, `XML is not well-formed: ${msg} (line ${line})`);
  }
  return parser.parse(response.body) as JsonObject;
}
