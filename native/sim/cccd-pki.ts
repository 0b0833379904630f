/**
 * The virtual card's passive-authentication chain: a CSCA and the document
 * signer that signs EF.SOD. The keys come from fixed seeds, so every start
 * gives the same CSCA and IT staff add it to a trust store once. It is a test
 * PKI: its private keys are derivable by anyone who reads this file.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { createTestCsca, createTestDocumentSigner, testKeyPair, type TestName } from '../emrtd/testing/test-pki.ts';
import type { CardPki } from './cccd-card-options.ts';

export const SIM_CSCA_NAME: TestName = { country: 'VN', organization: 'TiepDon Virtual Card (not a real authority)', serialNumber: '001', commonName: 'CSCA TiepDon Sim' };
export const SIM_DS_NAME: TestName = { country: 'VN', organization: 'TiepDon Virtual Card (not a real authority)', commonName: 'Document Signer TiepDon Sim 0001' };

const toPem = (der: Uint8Array) => new X509Certificate(der).toString();

export function createCardPki(): CardPki {
  const csca = createTestCsca({ name: SIM_CSCA_NAME, keys: testKeyPair({ type: 'ec', curve: 'brainpoolP256r1' }, 'tiepdon-sim-csca') });
  const signer = createTestDocumentSigner(csca, { name: SIM_DS_NAME, keys: testKeyPair({ type: 'ec', curve: 'brainpoolP256r1' }, 'tiepdon-sim-ds') });
  return {
    cscaCertificatePem: toPem(csca.der),
    documentSignerCertificatePem: toPem(signer.der),
    documentSignerPrivateKeyPem: signer.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

export interface DocumentSigner {
  certificate: Uint8Array;
  privateKey: KeyObject;
}

export function documentSignerOf(pki: CardPki): DocumentSigner {
  return {
    certificate: new Uint8Array(new X509Certificate(pki.documentSignerCertificatePem).raw),
    privateKey: createPrivateKey(pki.documentSignerPrivateKeyPem),
  };
}
