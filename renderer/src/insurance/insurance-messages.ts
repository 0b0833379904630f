/** The insurance check's and the BHXH gateway settings' texts, in Vietnamese and English. */
import type { InsuranceCheckStatus, InsuranceFailure } from '../../../domain/insurance-api.ts';
import type { ExemptionStatus } from '../../../domain/insurance/exemption.ts';
import type { LookupStrategy } from '../../../domain/insurance/lookup-plan.ts';
import type { ClerkAction, InsuranceOutcome, MismatchField } from '../../../domain/insurance/result-codes.ts';
import type { CardCodeKind } from '../../../domain/insurance/wire.ts';

// A type alias, not an interface: i18next only walks into types that fit an index signature.
export type InsuranceMessages = {
  title: string;
  none: string;
  check: string;
  checkAgain: string;
  running: string;
  loading: string;
  code: string;
  statuses: Record<InsuranceCheckStatus, string>;
  outcomes: Record<InsuranceOutcome, string>;
  actions: Record<ClerkAction, string>;
  failures: Record<InsuranceFailure, string>;
  toVerify: string;
  nextAttempt: string;
  fields: {
    cardCode: string;
    bhxhNumber: string;
    benefitLevel: string;
    facility: string;
    validity: string;
    fiveYearDate: string;
    exemption: string;
    area: string;
    newCard: string;
    lookedUpBy: string;
  };
  benefitLevels: Record<'1' | '2' | '3' | '4' | '5', string>;
  openEnded: string;
  exemption: Record<ExemptionStatus, string>;
  lookedUpBy: Record<CardCodeKind, string>;
  strategies: Record<LookupStrategy, string>;
  mismatch: Record<MismatchField, string>;
  alreadyTried: string;
  correction: {
    title: string;
    fullName: string;
    birthDate: string;
    birthDateHint: string;
    cardCode: string;
    submit: string;
    cancel: string;
    open: string;
  };
  settings: {
    title: string;
    intro: string;
    loading: string;
    baseUrl: string;
    baseUrlHint: string;
    username: string;
    usernameHint: string;
    password: string;
    passwordSet: string;
    passwordNotSet: string;
    passwordHint: string;
    removePassword: string;
    staffName: string;
    staffCccd: string;
    staffHint: string;
    loginMs: string;
    checkMs: string;
    cccdLookup: string;
    exemptionLookup: string;
    save: string;
    saved: string;
    saveFailed: string;
    test: string;
    testing: string;
    testOk: string;
    testFailed: string;
    testedUnsaved: string;
  };
};

export const insuranceVi: InsuranceMessages = {
  title: 'Thẻ BHYT',
  none: 'Chưa kiểm tra thẻ với cổng BHXH.',
  check: 'Kiểm tra thẻ',
  checkAgain: 'Kiểm tra lại',
  running: 'Đang kiểm tra thẻ với cổng BHXH…',
  loading: 'Đang tải kết quả kiểm tra thẻ…',
  code: 'Mã kết quả {{code}}',
  statuses: {
    running: 'Đang kiểm tra',
    'to-verify': 'Chờ kiểm tra lại',
    done: 'Đã kiểm tra',
    'needs-review': 'Cần xem lại',
    superseded: 'Đã thay bằng lần kiểm tra mới',
  },
  outcomes: {
    valid: 'Thẻ còn giá trị sử dụng',
    'valid-check-papers': 'Thẻ do BHXH Bộ Quốc phòng / Bộ Công an quản lý',
    'new-card': 'Đã được cấp thẻ mới — dùng thông tin thẻ mới',
    expired: 'Thẻ hết giá trị sử dụng',
    'not-found': 'Không có thông tin thẻ',
    'card-code-wrong': 'Mã thẻ không đúng',
    mismatch: 'Thông tin không khớp với thẻ',
    'staff-not-registered': 'Cán bộ tra cứu chưa được đăng ký với BHXH',
    withdrawn: 'Thẻ đã bị thu hồi',
    reduced: 'Thẻ đã báo giảm',
    'child-without-card': 'Trẻ em không xuất trình thẻ',
    'bad-request': 'Cổng BHXH báo sai định dạng yêu cầu',
    'gateway-error': 'Cổng BHXH đang lỗi',
    unauthorised: 'Cổng BHXH từ chối tài khoản',
    unknown: 'Cổng BHXH trả về mã chưa biết',
  },
  actions: {
    accept: 'Tiếp đón theo BHYT.',
    'check-papers': 'Kiểm tra thẻ và giấy tờ tùy thân của người bệnh rồi tiếp đón.',
    'use-new-card': 'Dùng mã thẻ mới bên dưới cho lượt khám này.',
    'charge-without-insurance': 'Thẻ không được hưởng BHYT: báo người bệnh và thu phí như khám dịch vụ.',
    'recheck-card-code': 'Kiểm tra lại mã thẻ (quét lại thẻ BHYT hoặc hỏi mã số BHXH) rồi kiểm tra lại.',
    'correct-and-retry': 'Đối chiếu với thẻ / CCCD, sửa thông tin sai rồi kiểm tra lại.',
    'call-it': 'Báo bộ phận IT kiểm tra cài đặt cổng BHXH. Cứ tiếp tục tiếp đón.',
    'retry-later': 'Cứ tiếp tục tiếp đón; thẻ sẽ được kiểm tra lại.',
    'manual-review': 'Chuyển cho bộ phận BHYT xem lại. Cứ tiếp tục tiếp đón.',
  },
  failures: {
    timeout: 'Cổng BHXH không trả lời kịp.',
    network: 'Không kết nối được cổng BHXH.',
    'http-error': 'Cổng BHXH đang lỗi.',
    malformed: 'Cổng BHXH trả lời không đúng định dạng.',
    'gateway-busy': 'Cổng BHXH đang bận.',
    'login-refused': 'Cổng BHXH từ chối đăng nhập: báo IT kiểm tra tài khoản.',
    'not-configured': 'Chưa cài đặt cổng BHXH: báo IT (F10 → Cổng BHXH).',
    'insecure-address': 'Địa chỉ cổng BHXH đang là http:// nên không được dùng: báo IT nhập địa chỉ https:// (F10 → Cổng BHXH).',
  },
  toVerify: 'Chưa kiểm tra được thẻ — cứ tiếp tục tiếp đón, hệ thống đang tự thử lại và kết quả sẽ tự cập nhật.',
  nextAttempt: 'Lần thử tiếp lúc {{time}} (đã thử {{attempts}} lần).',
  fields: {
    cardCode: 'Mã thẻ',
    bhxhNumber: 'Mã số BHXH',
    benefitLevel: 'Mức hưởng',
    facility: 'Nơi ĐKKCB ban đầu',
    validity: 'Hạn thẻ',
    fiveYearDate: 'Đủ 5 năm liên tục từ',
    exemption: 'Miễn cùng chi trả',
    area: 'Khu vực',
    newCard: 'Thẻ mới',
    lookedUpBy: 'Tra cứu bằng',
  },
  benefitLevels: { '1': '1 — 100%', '2': '2 — 100% (có giới hạn)', '3': '3 — 95%', '4': '4 — 80%', '5': '5 — 100%' },
  openEnded: 'không thời hạn',
  exemption: {
    exempt: 'Được miễn cùng chi trả',
    'not-exempt': 'Chưa được miễn',
    'no-data': 'Chưa có dữ liệu cùng chi trả',
    unavailable: 'Chưa tra cứu được',
  },
  lookedUpBy: { 'card-code': 'mã thẻ', 'bhxh-number': 'mã số BHXH', cccd: 'số CCCD' },
  strategies: {
    'as-given': 'thông tin như đã nhập',
    'without-diacritics': 'họ tên không dấu',
    'birth-year-only': 'chỉ năm sinh',
    'bhxh-number': 'mã số BHXH',
  },
  mismatch: {
    name: 'Sai họ tên.',
    'name-first-letter-right': 'Sai họ tên (đúng chữ cái đầu) — thường do sai dấu.',
    'birth-date': 'Sai ngày sinh.',
  },
  alreadyTried: 'Đã thử thêm: {{tried}}.',
  correction: {
    title: 'Sửa thông tin và kiểm tra lại',
    fullName: 'Họ tên như trên thẻ',
    birthDate: 'Ngày sinh như trên thẻ',
    birthDateHint: 'YYYY-MM-DD, hoặc chỉ năm (YYYY)',
    cardCode: 'Mã thẻ / mã số BHXH',
    submit: 'Kiểm tra lại',
    cancel: 'Thôi',
    open: 'Sửa và kiểm tra lại',
  },
  settings: {
    title: 'Cổng BHXH (kiểm tra thẻ BHYT)',
    intro: 'Tài khoản cổng tiếp nhận của cơ sở và cán bộ tra cứu đã đăng ký với BHXH. Mật khẩu chỉ được lưu dưới dạng mã MD5 trong kho bí mật.',
    loading: 'Đang tải cài đặt cổng BHXH…',
    baseUrl: 'Địa chỉ cổng',
    baseUrlHint: 'Ví dụ https://egw.baohiemxahoi.gov.vn (đào tạo: https://daotaoegw.baohiemxahoi.gov.vn)',
    username: 'Tài khoản',
    usernameHint: 'Mã cơ sở KCB + "_BV", ví dụ 01013_BV',
    password: 'Mật khẩu',
    passwordSet: 'Đã lưu mật khẩu. Để trống để giữ nguyên.',
    passwordNotSet: 'Chưa có mật khẩu.',
    passwordHint: 'Nhập mật khẩu mới để thay.',
    removePassword: 'Xóa mật khẩu đã lưu',
    staffName: 'Họ tên cán bộ tra cứu',
    staffCccd: 'Số CCCD cán bộ tra cứu',
    staffHint: 'Phải có trong danh sách cán bộ tra cứu cơ sở đã đăng ký (nếu không, cổng trả mã 054/055).',
    loginMs: 'Chờ đăng nhập tối đa (ms)',
    checkMs: 'Chờ kiểm tra thẻ tối đa (ms)',
    cccdLookup: 'Tra cứu bằng số CCCD khi không có mã thẻ',
    exemptionLookup: 'Tra cứu miễn cùng chi trả (MCCT) khi thẻ còn giá trị',
    save: 'Lưu cài đặt cổng BHXH',
    saved: 'Đã lưu.',
    saveFailed: 'Chưa lưu được: sửa các ô được đánh dấu.',
    test: 'Thử đăng nhập',
    testing: 'Đang thử đăng nhập…',
    testOk: 'Đăng nhập được. Phiên dùng được khoảng {{seconds}} giây.',
    testFailed: 'Không đăng nhập được: {{reason}}',
    testedUnsaved: 'Đã thử với các giá trị đang hiển thị (chưa lưu).',
  },
};
