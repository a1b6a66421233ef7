import { describe, expect, it } from '@jest/globals';
import { readAcknowledgement } from '../../../src/backoffice/fansy/acknowledgement.js';
import {
  exportFileName,
  renderExportXml,
  type ExportDocument,
} from '../../../src/backoffice/fansy/export-xml.js';

const EVENT = '0b8f7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e';

const doc: ExportDocument = {
  eventId: EVENT,
  attempt: 1,
  kind: 'client_created',
  occurredAt: new Date('2026-12-03T10:00:00Z'),
  sender: { inn: '7700000000', name: 'АО «Демо Инвест»' },
  client: {
    id: '1b8f7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e',
    kind: 'individual',
    name: 'Иванов "Ваня" <И> & сыновья\u0007',
    inn: '771234567859',
    ogrn: null,
    kpp: null,
    contractNumber: 'БО-0001/26',
    address: null,
    email: 'client@example.com',
    phone: null,
  },
  request: null,
};

describe('export files', () => {
  it('are named by kind, event and attempt: the same export is always the same file', () => {
    expect(exportFileName('request_accepted', EVENT, 2)).toBe(`request_accepted_${EVENT}_2.xml`);
  });

  it('render the same bytes for the same document, escaping markup and dropping what XML cannot carry', () => {
    const xml = renderExportXml(doc);
    expect(renderExportXml(doc)).toBe(xml);
    expect(xml).toContain('<Name>Иванов "Ваня" &lt;И&gt; &amp; сыновья</Name>');
    expect(xml).not.toContain('<Address>');
    expect(xml).not.toContain('ogrn=');
    expect(xml).not.toContain('<Request');
    expect(
      xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<KabinetExport xmlns="urn:kabinet:exchange:1"'),
    ).toBe(true);
  });
});

const ack = (attributes: string, body = '') =>
  `<?xml version="1.0"?><KabinetAck xmlns="urn:kabinet:exchange:1" ${attributes}>${body}</KabinetAck>`;

describe('acknowledgements', () => {
  it('read an acceptance with the back office reference and a refusal with its message', () => {
    expect(
      readAcknowledgement(ack(`eventId="${EVENT}" attempt="1" status="accepted" backofficeRef="F-1"`)),
    ).toEqual({
      ok: true,
      ack: { eventId: EVENT, attempt: 1, status: 'accepted', backofficeRef: 'F-1', message: null },
    });
    expect(
      readAcknowledgement(
        ack(`eventId="${EVENT.toUpperCase()}" attempt="3" status="error"`, '<Message> Нет счёта </Message>'),
      ),
    ).toEqual({
      ok: true,
      ack: { eventId: EVENT, attempt: 3, status: 'error', backofficeRef: null, message: 'Нет счёта' },
    });
  });

  it.each([
    ['', 'not well-formed XML'],
    ['<KabinetAck', 'not well-formed XML'],
    [`<KabinetAck eventId="${EVENT}" attempt="1" status="accepted"/>`, 'the namespace is missing'],
    [ack(`eventId="nope" attempt="1" status="accepted"`), 'eventId is missing or not a UUID'],
    [
      ack(`eventId="${EVENT}" attempt="0" status="accepted"`),
      'attempt is missing or not a positive whole number',
    ],
    [ack(`eventId="${EVENT}" attempt="1" status="maybe"`), 'status must be accepted or error'],
    [
      ack(`eventId="${EVENT}" attempt="1" status="error"`),
      'an error acknowledgement must say why in <Message>',
    ],
    [
      ack(`eventId="${EVENT}" attempt="1" status="accepted" backofficeRef=""`),
      'backofficeRef must be 1 to 100 characters',
    ],
    ['<!DOCTYPE lolz [<!ENTITY lol "lol">]><KabinetAck/>', 'a DOCTYPE or entity declaration is not allowed'],
    [
      '<?xml version="1.0"?><Other xmlns="urn:kabinet:exchange:1"/>',
      'the root element is Other, not KabinetAck',
    ],
  ])('refuse %j with a reason a person can act on', (text, reason) => {
    const read = readAcknowledgement(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason.startsWith(reason)).toBe(true);
  });
});
