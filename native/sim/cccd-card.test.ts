/**
 * The virtual CCCD in-process (no pcscd): what its profile puts on the chip,
 * the ways in (PACE-CAN, PACE-MRZ, BAC), active and chip authentication,
 * passive authentication with its PKI, and the faults its options ask for.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { encodeCommand, parseResponse, requireSuccess, sendCommand, type Transmit } from '../emrtd/apdu.ts';
import { performBac } from '../emrtd/bac/bac.ts';
import { deriveBacKeys } from '../emrtd/bac/mrz-key.ts';
import { toHex } from '../emrtd/bytes.ts';
import { isEmrtdError } from '../emrtd/errors.ts';
import { parseDg1 } from '../emrtd/lds/dg1.ts';
import { parseDg13 } from '../emrtd/lds/dg13.ts';
import { parseDg2 } from '../emrtd/lds/dg2.ts';
import { parseDg14 } from '../emrtd/lds/dg14.ts';
import { parseEfCom } from '../emrtd/lds/ef-com.ts';
import { choosePaceInfo, parseCardAccess } from '../emrtd/pace/card-access.ts';
import { performPace } from '../emrtd/pace/pace.ts';
import type { PacePassword } from '../emrtd/pace/password.ts';
import { createCscaStore } from '../emrtd/pa/csca-store.ts';
import { passiveAuthentication } from '../emrtd/pa/passive-authentication.ts';
import { performActiveAuthentication } from '../emrtd/read/active-authentication.ts';
import { performChipAuthentication } from '../emrtd/read/chip-authentication.ts';
import { SecureChannel } from '../emrtd/sm/secure-channel.ts';
import { createTestCsca, createTestDocumentSigner } from '../emrtd/testing/test-pki.ts';
import { childrenOf, decodeTlv } from '../emrtd/tlv.ts';
import { CardRemovedError } from './card-removal.ts';
import { createCard, type CccdCard } from './cccd-card.ts';
import { CccdCardOptionsSchema, type CardPki, type CccdCardOptions } from './cccd-card-options.ts';
import { FID } from './cccd-files.ts';
import { DEFAULT_PROFILE, loadPhoto } from './cccd-profile.ts';

const CHUNK = 0xdf;
const SELECT_APPLET = encodeCommand({ cla: 0, ins: 0xa4, p1: 0x04, p2: 0x0c, data: Uint8Array.of(0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01) });
const selectFile = (fid: number) => encodeCommand({ cla: 0, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of(fid >> 8, fid & 0xff) });
const NOW = new Date('2025-06-01T00:00:00Z');

const wire = (card: CccdCard): Transmit => async (apdu) => card.transmit(apdu);

async function readFile(transmit: Transmit, fid: number, chunk = CHUNK): Promise<Uint8Array> {
  requireSuccess(parseResponse(await transmit(selectFile(fid))), 'SELECT');
  const bytes: number[] = [];
  for (let offset = 0; ; offset += chunk) {
    const data = requireSuccess(await sendCommand(transmit, { cla: 0, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, ne: chunk }), 'READ BINARY');
    bytes.push(...data);
    if (data.length < chunk) return Uint8Array.from(bytes);
  }
}

/** EF.CardAccess, PACE with the given password, then the application selected under secure messaging. */
async function openWithPace(card: CccdCard, password: PacePassword): Promise<SecureChannel> {
  const transmit = wire(card);
  // Small reads: a card with a low Le limit refuses the MF's files too.
  const info = choosePaceInfo(parseCardAccess(await readFile(transmit, 0x011c, 0x40)).paceInfos);
  const { sessionKeys } = await performPace(transmit, password, info);
  const channel = new SecureChannel(sessionKeys, transmit);
  requireSuccess(parseResponse(await channel.transmit(SELECT_APPLET)), 'SELECT application');
  return channel;
}

const openWithCan = (card: CccdCard) => openWithPace(card, { kind: 'can', can: card.can });

/** Cards share one PKI: its document signer is the slow part to make. */
let pki: CardPki;
const cardWith = (options: CccdCardOptions = {}) => createCard({ pki, ...options });

describe('virtual CCCD: files from the profile', () => {
  let card: CccdCard;
  let channel: SecureChannel;

  before(async () => {
    card = await createCard();
    pki = card.pki;
    channel = await openWithCan(card);
  });

  it('opens with PACE-CAN = the last 6 digits of the ID, and serves DG13 with the holder in Vietnamese', async () => {
    assert.equal(card.can, DEFAULT_PROFILE.idNumber.slice(-6));
    assert.ok(card.secured);
    const dg13 = await readFile(channel.transmit, FID.DG13);
    assert.deepEqual(dg13, card.files.get('DG13'));
    const nameBytes = Buffer.from(DEFAULT_PROFILE.fullName.normalize('NFC'), 'utf8');
    assert.ok(Buffer.from(dg13).includes(nameBytes), 'DG13 holds the name as UTF-8');
    const parsed = parseDg13(dg13);
    assert.equal(parsed.idNumber, DEFAULT_PROFILE.idNumber);
    assert.equal(parsed.fullName, 'Nguyễn Văn An');
    assert.equal(parsed.dateOfBirth?.iso, DEFAULT_PROFILE.dateOfBirth);
    assert.equal(parsed.sex, 'Nam');
    assert.equal(parsed.placeOfResidence, DEFAULT_PROFILE.placeOfResidence);
    assert.equal(parsed.dateOfExpiry?.iso, DEFAULT_PROFILE.dateOfExpiry);
    assert.equal(parsed.oldIdNumber, DEFAULT_PROFILE.oldIdNumber);
    assert.deepEqual(parsed.problems, []);
  });

  it('lists DG1, DG2, DG3, DG13, DG14 and DG15 in EF.COM, and refuses DG3 with 6982 as a real CCCD does', async () => {
    const com = parseEfCom(await readFile(channel.transmit, FID['EF.COM']));
    assert.deepEqual([...com.dataGroups].sort((a, b) => a - b), [1, 2, 3, 13, 14, 15]);
    assert.equal(toHex(await channel.transmit(selectFile(FID.DG3))), '6982');
    assert.equal(toHex(await channel.transmit(selectFile(0x010b))), '6A82', 'no DG11 on a CCCD');
  });

  it('serves the TD1 MRZ in DG1 and the profile photo in DG2', async () => {
    const dg1 = parseDg1(await readFile(channel.transmit, FID.DG1));
    assert.equal(dg1.documentNumber, DEFAULT_PROFILE.idNumber.slice(3));
    assert.ok(dg1.optionalData.startsWith(DEFAULT_PROFILE.idNumber));
    const [face] = parseDg2(await readFile(channel.transmit, FID.DG2)).faces;
    assert.ok(face);
    assert.deepEqual(face.image, await loadPhoto(DEFAULT_PROFILE));
    assert.deepEqual([face.mimeType, face.width, face.height, face.source], ['image/jpeg', 360, 480, 'iso19794-5']);
  });

  it('passes passive authentication against its CSCA, and only against it', async () => {
    const dataGroups = new Map<number, Uint8Array>();
    for (const dg of [1, 2, 13, 14, 15]) dataGroups.set(dg, await readFile(channel.transmit, 0x0100 + dg));
    const sod = await readFile(channel.transmit, FID['EF.SOD']);
    const valid = passiveAuthentication({ sod, dataGroups, cscaStore: createCscaStore([card.pki.cscaCertificatePem]), now: NOW });
    assert.equal(valid.status, 'valid', valid.reason);
    const stranger = createCscaStore([new X509Certificate(createTestCsca().der)]);
    assert.equal(passiveAuthentication({ sod, dataGroups, cscaStore: stranger, now: NOW }).status, 'chain-unknown');
  });

  it('runs active authentication with the DG15 key, and chip authentication with the DG14 key', async () => {
    const aa = await performActiveAuthentication(channel.transmit, { publicKey: card.activeAuthenticationPublicKey });
    assert.equal(aa.status, 'passed', aa.reason);

    const dg14 = parseDg14(await readFile(channel.transmit, FID.DG14));
    const [info] = dg14.chipAuthenticationInfos;
    assert.ok(info);
    const spki = decodeTlv(new Uint8Array(card.chipAuthenticationPublicKey.export({ format: 'der', type: 'spki' })));
    const point = childrenOf(spki)[1]!.value.subarray(1);
    const keys = await performChipAuthentication(channel.transmit, { protocol: info.protocol, parameterId: 13, publicKey: point });
    const afterCa = new SecureChannel(keys, wire(card));
    assert.equal(toHex(await afterCa.transmit(SELECT_APPLET)), '9000');
  });

  it('opens with BAC and with PACE-MRZ from the printed MRZ', async () => {
    card.reset?.();
    const viaMrz = await openWithPace(card, { kind: 'mrz', ...card.mrz.key });
    assert.deepEqual(await readFile(viaMrz.transmit, FID.DG1), card.files.get('DG1'));

    card.reset?.();
    const transmit = wire(card);
    await transmit(SELECT_APPLET);
    const bac = new SecureChannel(await performBac(transmit, deriveBacKeys(card.mrz.key)), transmit);
    assert.deepEqual(await readFile(bac.transmit, FID.DG1, 0xe7), card.files.get('DG1'));
  });
});

describe('virtual CCCD: options', () => {
  it('signs with a PKI the test brings, so trust decisions are the test’s', async () => {
    const csca = createTestCsca();
    const signer = createTestDocumentSigner(csca);
    const own: CardPki = {
      cscaCertificatePem: csca.x509.toString(),
      documentSignerCertificatePem: signer.x509.toString(),
      documentSignerPrivateKeyPem: signer.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    };
    const card = await createCard({ pki: own });
    const sod = card.files.get('EF.SOD')!;
    const dataGroups = new Map([[13, card.files.get('DG13')!]]);
    const result = passiveAuthentication({ sod, dataGroups, cscaStore: createCscaStore([csca.x509]), now: NOW });
    assert.equal(result.status, 'valid', result.reason);
  });

  it('flips a byte of DG13 after signing when asked, which passive authentication catches', async () => {
    const card = await cardWith({ tamper: { file: 'DG13' } });
    const channel = await openWithCan(card);
    const dg13 = await readFile(channel.transmit, FID.DG13);
    const result = passiveAuthentication({
      sod: card.files.get('EF.SOD'),
      dataGroups: new Map([[13, dg13]]),
      cscaStore: createCscaStore([card.pki.cscaCertificatePem]),
      now: NOW,
    });
    assert.equal(result.status, 'invalid');
    assert.deepEqual(
      result.checks.dataGroupHashes.filter((check) => check.status === 'mismatch').map((check) => check.dg),
      [13],
    );
  });

  it('offers no PACE when asked (no EF.CardAccess), and opens with BAC', async () => {
    const card = await cardWith({ access: { pace: false } });
    const transmit = wire(card);
    assert.equal(toHex(await transmit(selectFile(0x011c))), '6A82');
    await transmit(SELECT_APPLET);
    const bac = new SecureChannel(await performBac(transmit, deriveBacKeys(card.mrz.key)), transmit);
    assert.deepEqual(await readFile(bac.transmit, FID.DG1, 0xe7), card.files.get('DG1'));
  });

  it('builds from a profile given inline, and refuses options it does not know', async () => {
    const profile = { ...DEFAULT_PROFILE, idNumber: '079195000123', fullName: 'Trần Thị Bé', sex: 'female' as const, dateOfBirth: '1995-12-01' };
    const card = await cardWith({ profile });
    assert.equal(card.can, '000123');
    const channel = await openWithCan(card);
    assert.equal(parseDg13(await readFile(channel.transmit, FID.DG13)).fullName, 'Trần Thị Bé');
    assert.equal(CccdCardOptionsSchema.safeParse({ faults: { removeAfter: 3 } }).success, false);
    assert.equal(CccdCardOptionsSchema.safeParse({ tamper: { file: 'DG7' } }).success, false);
  });
});

describe('virtual CCCD: faults', () => {
  it('takes itself out of its slot on command N + 1, which gets no answer, nor do later ones', async () => {
    const card = await cardWith({ faults: { removeAfterApdus: 2 } });
    let ejected = 0;
    card.inserted?.({ eject: () => (ejected += 1) });
    const transmit = wire(card);
    assert.equal(toHex(await transmit(selectFile(0x011c))), '9000');
    assert.equal(toHex(await transmit(SELECT_APPLET)), '9000');
    assert.equal(ejected, 0);
    await assert.rejects(transmit(SELECT_APPLET), CardRemovedError);
    assert.equal(ejected, 1);
    await assert.rejects(transmit(SELECT_APPLET), CardRemovedError);
    // Once only: put back in, the card answers again.
    card.inserted?.({ eject: () => (ejected += 1) });
    assert.equal(toHex(await transmit(SELECT_APPLET)), '9000');
    assert.equal(ejected, 1);
  });

  it('corrupts the MAC of response N, which the reader’s secure channel refuses', async () => {
    // PACE takes 1 + 2 (CardAccess) + 5 commands; the protected SELECT is command 8, the next one 9.
    const card = await cardWith({ faults: { wrongMacOnResponse: 9 } });
    const channel = await openWithCan(card);
    assert.equal(card.commandCount, 8);
    await assert.rejects(channel.transmit(selectFile(FID.DG1)), (error) => isEmrtdError(error, 'sm-mac-invalid'));
  });

  it('refuses Le above the limit with a protected 6700, and serves smaller reads in the same session', async () => {
    const card = await cardWith({ faults: { maxLe: 0x80 } });
    const channel = await openWithCan(card);
    requireSuccess(parseResponse(await channel.transmit(selectFile(FID.DG13))), 'SELECT');
    const big = await sendCommand(channel.transmit, { cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 0xdf });
    assert.equal(big.sw, 0x6700);
    assert.deepEqual(await readFile(channel.transmit, FID.DG13, 0x80), card.files.get('DG13'));
  });

  it('answers slowly when asked to', async () => {
    const card = await cardWith({ faults: { latencyMs: 40 } });
    const started = performance.now();
    await card.transmit(SELECT_APPLET);
    assert.ok(performance.now() - started >= 38);
  });

  it('can leave DG3 readable by selection, for tests of readers that try it', async () => {
    const card = await cardWith({ faults: { protectDg3: false } });
    const channel = await openWithCan(card);
    assert.equal(toHex(await channel.transmit(selectFile(FID.DG3))), '9000');
  });
});
