import type { DemoMessages } from './demo-messages.ts';

export const demoEn: DemoMessages = {
  banner: 'DEMO MODE — sample data for practice, not real patients',
  bannerDetail:
    'The card reader, the scanner, the BHXH gateway and the HIS are all simulated on this computer. The sample cards are signed by a test CSCA trusted only in the demo data folder, so a “valid” verification means something only in demo mode.',
  menuTitle: 'Sample cards and codes',
  showMenu: 'Open sample cards and codes',
  hideMenu: 'Collapse',
  cardsTitle: 'Sample ID cards',
  cardsHint: 'Type the ID number printed on the card into the “ID number” field (or press “Scan the card’s QR”), then put the sample card on the reader.',
  kinds: {
    'returning-insured': 'Insured adult, seen before',
    'new-patient': 'New patient',
    child: 'Child under 6',
    elderly: 'Elderly patient over 80',
  },
  registered: 'Already registered',
  idNumber: 'ID number',
  born: 'Born',
  scanCardQr: 'Scan the card’s QR',
  insertCard: 'Put the sample card on the reader',
  removeCard: 'Take the card off',
  onReader: 'On the reader',
  codesTitle: 'Scan a sample code',
  codesHint: 'The simulated scanner scans the code as a real scanner does.',
  codes: {
    cccd: 'ID card QR',
    bhyt: 'BHYT card QR',
    vietqr: 'VietQR transfer',
    unknown: 'A code nobody recognises',
  },
  settings: {
    title: 'Demo mode',
    enabled: 'Open the app in demo mode (sample cards, simulated scanner, simulated BHXH gateway and HIS)',
    nextStart: 'Takes effect the next time the app starts. Demo data is kept apart from real data.',
    activeNow: 'This run is in demo mode, so this switch cannot be changed here. Open the real app with “tiepdon start --no-demo” and change it there (admin PIN needed).',
    saved: 'Saved. Restart the app to apply it.',
  },
};
