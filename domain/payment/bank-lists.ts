import type { BankList } from './banks.ts';

/*
 * DATA TO REFRESH. NAPAS acquirer IDs (BINs) of banks and wallets that receive VietQR
 * transfers. Banks are renamed and taken over (OceanBank → MBV, DongA Bank → Vikki,
 * CB → VCBNeo), so when NAPAS publishes changes add a new list with its effective
 * date rather than editing this one.
 */
const NAPAS_2025: BankList = {
  version: '2025.1',
  effectiveFrom: '2025-07-01',
  status: 'provisional',
  source:
    'vietnam-qr-pay 1.5.1 bank list, with the 2024–2025 renames (MBV, Vikki, VCBNeo, PGBank); ' +
    'not yet checked against the NAPAS member list',
  banks: [
    { bin: '970436', shortName: 'Vietcombank', name: 'Ngân hàng TMCP Ngoại thương Việt Nam' },
    { bin: '970418', shortName: 'BIDV', name: 'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam' },
    { bin: '970415', shortName: 'VietinBank', name: 'Ngân hàng TMCP Công thương Việt Nam' },
    { bin: '970405', shortName: 'Agribank', name: 'Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam' },
    { bin: '970407', shortName: 'Techcombank', name: 'Ngân hàng TMCP Kỹ thương Việt Nam' },
    { bin: '970422', shortName: 'MB Bank', name: 'Ngân hàng TMCP Quân đội' },
    { bin: '970416', shortName: 'ACB', name: 'Ngân hàng TMCP Á Châu' },
    { bin: '970432', shortName: 'VPBank', name: 'Ngân hàng TMCP Việt Nam Thịnh Vượng' },
    { bin: '970403', shortName: 'Sacombank', name: 'Ngân hàng TMCP Sài Gòn Thương Tín' },
    { bin: '970423', shortName: 'TPBank', name: 'Ngân hàng TMCP Tiên Phong' },
    { bin: '970443', shortName: 'SHB', name: 'Ngân hàng TMCP Sài Gòn - Hà Nội' },
    { bin: '970437', shortName: 'HDBank', name: 'Ngân hàng TMCP Phát triển Thành phố Hồ Chí Minh' },
    { bin: '970441', shortName: 'VIB', name: 'Ngân hàng TMCP Quốc tế Việt Nam' },
    { bin: '970426', shortName: 'MSB', name: 'Ngân hàng TMCP Hàng Hải Việt Nam', formerNames: ['Maritime Bank'] },
    { bin: '970448', shortName: 'OCB', name: 'Ngân hàng TMCP Phương Đông' },
    { bin: '970440', shortName: 'SeABank', name: 'Ngân hàng TMCP Đông Nam Á' },
    { bin: '970431', shortName: 'Eximbank', name: 'Ngân hàng TMCP Xuất Nhập khẩu Việt Nam' },
    {
      bin: '970449',
      shortName: 'LPBank',
      name: 'Ngân hàng TMCP Lộc Phát Việt Nam',
      formerNames: ['LienVietPostBank', 'Ngân hàng TMCP Bưu điện Liên Việt'],
    },
    { bin: '970428', shortName: 'Nam A Bank', name: 'Ngân hàng TMCP Nam Á' },
    { bin: '970454', shortName: 'BVBank', name: 'Ngân hàng TMCP Bản Việt', formerNames: ['Viet Capital Bank'] },
    { bin: '970409', shortName: 'Bac A Bank', name: 'Ngân hàng TMCP Bắc Á' },
    { bin: '970438', shortName: 'BaoViet Bank', name: 'Ngân hàng TMCP Bảo Việt' },
    { bin: '970425', shortName: 'ABBANK', name: 'Ngân hàng TMCP An Bình' },
    { bin: '970429', shortName: 'SCB', name: 'Ngân hàng TMCP Sài Gòn' },
    { bin: '970412', shortName: 'PVcomBank', name: 'Ngân hàng TMCP Đại Chúng Việt Nam' },
    { bin: '970427', shortName: 'VietABank', name: 'Ngân hàng TMCP Việt Á' },
    { bin: '970433', shortName: 'VietBank', name: 'Ngân hàng TMCP Việt Nam Thương Tín' },
    { bin: '970452', shortName: 'KienlongBank', name: 'Ngân hàng TMCP Kiên Long' },
    { bin: '970419', shortName: 'NCB', name: 'Ngân hàng TMCP Quốc Dân' },
    {
      bin: '970430',
      shortName: 'PGBank',
      name: 'Ngân hàng TMCP Thịnh vượng và Phát triển',
      formerNames: ['Ngân hàng TMCP Xăng dầu Petrolimex'],
    },
    { bin: '970400', shortName: 'Saigonbank', name: 'Ngân hàng TMCP Sài Gòn Công Thương' },
    { bin: '970408', shortName: 'GPBank', name: 'Ngân hàng Thương mại TNHH MTV Dầu Khí Toàn Cầu' },
    {
      bin: '970444',
      shortName: 'VCBNeo',
      name: 'Ngân hàng Thương mại TNHH MTV Ngoại thương Công nghệ số',
      formerNames: ['CB Bank', 'Ngân hàng Thương mại TNHH MTV Xây dựng Việt Nam'],
    },
    { bin: '970446', shortName: 'Co-opBank', name: 'Ngân hàng Hợp tác xã Việt Nam' },
    { bin: '970424', shortName: 'Shinhan Bank', name: 'Ngân hàng TNHH MTV Shinhan Việt Nam' },
    { bin: '970457', shortName: 'Woori Bank', name: 'Ngân hàng TNHH MTV Woori Việt Nam' },
    { bin: '970458', shortName: 'UOB', name: 'Ngân hàng United Overseas Bank Việt Nam' },
    { bin: '970410', shortName: 'Standard Chartered', name: 'Ngân hàng TNHH MTV Standard Chartered Bank Việt Nam' },
    { bin: '970439', shortName: 'Public Bank', name: 'Ngân hàng TNHH MTV Public Việt Nam' },
    { bin: '970434', shortName: 'Indovina Bank', name: 'Ngân hàng TNHH Indovina' },
    { bin: '970442', shortName: 'Hong Leong Bank', name: 'Ngân hàng TNHH MTV Hong Leong Việt Nam' },
    { bin: '970455', shortName: 'IBK Hà Nội', name: 'Ngân hàng Công nghiệp Hàn Quốc - Chi nhánh Hà Nội' },
    { bin: '970456', shortName: 'IBK TP.HCM', name: 'Ngân hàng Công nghiệp Hàn Quốc - Chi nhánh TP. Hồ Chí Minh' },
    { bin: '970462', shortName: 'Kookmin Hà Nội', name: 'Ngân hàng Kookmin - Chi nhánh Hà Nội' },
    { bin: '970463', shortName: 'Kookmin TP.HCM', name: 'Ngân hàng Kookmin - Chi nhánh TP. Hồ Chí Minh' },
    { bin: '970421', shortName: 'VRB', name: 'Ngân hàng Liên doanh Việt - Nga' },
    {
      bin: '970414',
      shortName: 'MBV',
      name: 'Ngân hàng TNHH MTV Việt Nam Hiện Đại',
      formerNames: ['OceanBank', 'Ngân hàng Thương mại TNHH MTV Đại Dương'],
    },
    {
      bin: '970406',
      shortName: 'Vikki Bank',
      name: 'Ngân hàng TNHH MTV Số Vikki',
      formerNames: ['DongA Bank', 'Ngân hàng TMCP Đông Á'],
    },
    { bin: '546034', shortName: 'CAKE', name: 'Ngân hàng số CAKE by VPBank - Ngân hàng TMCP Việt Nam Thịnh Vượng' },
    { bin: '546035', shortName: 'Ubank', name: 'Ngân hàng số Ubank by VPBank - Ngân hàng TMCP Việt Nam Thịnh Vượng' },
    { bin: '963388', shortName: 'Timo', name: 'Ngân hàng số Timo by Bản Việt Bank' },
    { bin: '963369', shortName: 'Liobank', name: 'Ngân hàng số Liobank - Ngân hàng TMCP Phương Đông' },
    { bin: '422589', shortName: 'CIMB', name: 'Ngân hàng TNHH MTV CIMB Việt Nam' },
    { bin: '458761', shortName: 'HSBC', name: 'Ngân hàng TNHH MTV HSBC (Việt Nam)' },
    { bin: '796500', shortName: 'DBS Bank', name: 'Ngân hàng TNHH MTV Phát triển Singapore - Chi nhánh TP. Hồ Chí Minh' },
    { bin: '668888', shortName: 'Kasikornbank', name: 'Ngân hàng Đại chúng TNHH Kasikornbank - Chi nhánh TP. Hồ Chí Minh' },
    { bin: '801011', shortName: 'Nonghyup Bank', name: 'Ngân hàng Nonghyup - Chi nhánh Hà Nội' },
    { bin: '971025', shortName: 'MoMo', name: 'Công ty Cổ phần Dịch vụ Di động Trực tuyến (ví MoMo)' },
  ],
};

/** Every bank list, oldest first. */
export const BANK_LISTS: readonly BankList[] = [NAPAS_2025];
