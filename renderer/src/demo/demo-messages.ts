/**
 * Texts of demo mode: the banner, the menu of sample cards and codes, and the
 * demo switch in the settings.
 */
import type { DemoCodeKind, DemoSampleKind } from '../../../domain/demo-api.ts';

/** A type, not an interface: i18next walks only into types with an implicit index signature. */
export type DemoMessages = {
  banner: string;
  bannerDetail: string;
  menuTitle: string;
  showMenu: string;
  hideMenu: string;
  cardsTitle: string;
  cardsHint: string;
  kinds: Record<DemoSampleKind, string>;
  registered: string;
  idNumber: string;
  born: string;
  scanCardQr: string;
  insertCard: string;
  removeCard: string;
  onReader: string;
  codesTitle: string;
  codesHint: string;
  codes: Record<DemoCodeKind, string>;
  settings: {
    title: string;
    enabled: string;
    nextStart: string;
    activeNow: string;
    saved: string;
  };
};

export const demoVi: DemoMessages = {
  banner: 'CHẾ ĐỘ DEMO — dữ liệu mẫu để tập, không phải bệnh nhân thật',
  bannerDetail:
    'Đầu đọc thẻ, máy quét, cổng BHXH và HIS đều là mô phỏng trên máy này. Thẻ mẫu được ký bởi CSCA thử nghiệm, chỉ được tin cậy trong thư mục dữ liệu demo, nên kết quả xác thực “hợp lệ” chỉ có nghĩa trong chế độ demo.',
  menuTitle: 'Thẻ và mã mẫu',
  showMenu: 'Mở thẻ và mã mẫu',
  hideMenu: 'Thu gọn',
  cardsTitle: 'Thẻ CCCD mẫu',
  cardsHint: 'Gõ số CCCD in trên thẻ vào ô “Số CCCD” (hoặc bấm “Quét QR trên thẻ”), rồi đặt thẻ mẫu lên đầu đọc.',
  kinds: {
    'returning-insured': 'Người lớn có BHYT, đã khám trước đây',
    'new-patient': 'Bệnh nhân mới',
    child: 'Trẻ dưới 6 tuổi',
    elderly: 'Người cao tuổi trên 80',
  },
  registered: 'Đã có hồ sơ',
  idNumber: 'Số CCCD',
  born: 'Ngày sinh',
  scanCardQr: 'Quét QR trên thẻ',
  insertCard: 'Đặt thẻ mẫu lên đầu đọc',
  removeCard: 'Nhấc thẻ ra',
  onReader: 'Đang trên đầu đọc',
  codesTitle: 'Quét mã mẫu',
  codesHint: 'Máy quét mô phỏng quét mã như máy quét thật.',
  codes: {
    cccd: 'QR trên CCCD',
    bhyt: 'QR thẻ BHYT',
    vietqr: 'VietQR chuyển khoản',
    unknown: 'Mã không nhận ra được',
  },
  settings: {
    title: 'Chế độ demo',
    enabled: 'Mở ứng dụng ở chế độ demo (thẻ mẫu, máy quét mô phỏng, cổng BHXH và HIS mô phỏng)',
    nextStart: 'Có hiệu lực từ lần mở ứng dụng sau. Dữ liệu demo nằm riêng, không lẫn với dữ liệu thật.',
    activeNow: 'Lần chạy này đang ở chế độ demo, nên không đổi được công tắc này. Mở ứng dụng thật bằng “tiepdon start --no-demo” rồi đổi ở đây (cần mã PIN quản trị).',
    saved: 'Đã lưu. Mở lại ứng dụng để áp dụng.',
  },
};
