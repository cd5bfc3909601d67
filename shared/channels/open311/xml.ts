// A small XML writer for documents built from plain data (Open311's XML format). Every text value
// is escaped; what XML 1.0 cannot carry at all (control characters, lone surrogates) is dropped,
// so whatever a resident typed can never change the document's structure.

/** Characters XML 1.0 allows in a document; anything else cannot be written, even escaped. */
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A parser turns a raw CR (or CRLF) into LF; as a reference it survives.
  '\r': '&#13;',
};

export class XmlWriteError extends Error {
  override name = 'XmlWriteError';
}

/** Text content or an attribute value, escaped. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"'\r]/g, (c) => ENTITIES[c]!);
}

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [name: string]: XmlValue };

/**
 * Writes `value` as the element `name`. Objects become child elements in key order; an array
 * becomes one child per item, named by `itemNames[name]` (e.g. services -> service); null and
 * undefined fields are left out (XML has no null, and an empty element would read as '').
 */
export function xmlElement(name: string, value: XmlValue, itemNames: Readonly<Record<string, string>>): string {
  if (!ELEMENT_NAME.test(name)) throw new XmlWriteError(`'${name}' is not an XML element name`);
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const itemName = itemNames[name];
    if (!itemName) throw new XmlWriteError(`no element name for the items of '${name}'`);
    return `<${name}>${value.map((item) => xmlElement(itemName, item, itemNames)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value)
      .map(([child, childValue]) => xmlElement(child, childValue, itemNames))
      .join('');
    return `<${name}>${children}</${name}>`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new XmlWriteError(`'${name}' is not a finite number`);
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document: the declaration and one root element. */
export function xmlDocument(root: string, value: XmlValue, itemNames: Readonly<Record<string, string>>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${xmlElement(root, value, itemNames)}\n`;
}
