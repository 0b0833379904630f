/**
 * Texts of the check-in steps after the queue number: printing, the identity
 * check against the chip photo, the follow-up fields, today's search and the
 * desk's settings.
 */
import type { BiometricRequirement, VisitType } from '../../../domain/checkin/index.ts';
import type { VISIT_CANCEL_REASONS } from '../../../domain/sync-api.ts';

type CancelReason = (typeof VISIT_CANCEL_REASONS)[number];

export type BiometricDecision = 'match' | 'no-match' | 'skipped';

/** A type, not an interface: i18next walks only into types with an implicit index signature. */
export type CheckinMessages = {
  /** The heading of the desk's screen. */
  deskTitle: string;
  /** The workspace's three columns, named for screen readers. */
  identifyColumn: string;
  patientColumn: string;
  queueColumn: string;
  referralNumber: string;
  appointmentNumber: string;
  back: string;
  print: {
    printing: string;
    printed: string;
    reprint: string;
    failed: string;
  };
  biometric: {
    title: string;
    required: string;
    optional: string;
    chipPhoto: string;
    noPhoto: string;
    photoVerified: string;
    photoNotVerified: string;
    liveCamera: string;
    cameraUnavailable: string;
    question: string;
    match: string;
    noMatch: string;
    skip: string;
    skipReason: string;
    skipConfirm: string;
    decided: Record<BiometricDecision, string>;
    byAutomation: string;
    noMatchAdvice: string;
    retry: string;
    continueWithout: string;
    exemptYoungChild: string;
  };
  done: {
    title: string;
    next: string;
    nextShortcut: string;
  };
  clerkActions: string;
  todaySearch: string;
  todayNoMatch: string;
  correct: {
    action: string;
    title: string;
    identityNow: string;
    none: string;
    identityTo: string;
    decisions: Record<BiometricDecision, string>;
    reason: string;
    save: string;
    close: string;
    takePayment: string;
    paid: string;
    waiting: string;
    reopen: string;
    reopenReason: string;
    reopenSave: string;
    reopenBack: string;
    reopened: string;
  };
  cancel: {
    action: string;
    reason: string;
    confirm: string;
    keep: string;
    reasons: Record<CancelReason, string>;
  };
  clinics: {
    title: string;
    intro: string;
    id: string;
    name: string;
    room: string;
    serviceCode: string;
    visitTypes: string;
    add: string;
    remove: string;
    save: string;
    saved: string;
    refused: string;
    loading: string;
  };
  desk: {
    title: string;
    hospitalName: string;
    autoPrint: string;
    printerName: string;
    printerHint: string;
    biometricPolicy: string;
    requirements: Record<BiometricRequirement, string>;
    visitTypes: Record<VisitType, string>;
    retentionDays: string;
    retentionHint: string;
    exemptUnderYears: string;
    exemptUnderYearsHint: string;
    idleSignOutMinutes: string;
    idleSignOutHint: string;
    save: string;
    saved: string;
  };
};

export const checkinVi: CheckinMessages = {
  deskTitle: 'Tiếp đón người bệnh',
  identifyColumn: 'Nhận diện: thẻ, mã quét',
  patientColumn: 'Người bệnh và lượt khám',
  queueColumn: 'Hàng đợi hôm nay',
  referralNumber: 'Số giấy chuyển tuyến',
  appointmentNumber: 'Số giấy hẹn khám lại',
  back: 'Quay lại',
  print: {
    printing: 'Đang in phiếu…',
    printed: 'Đã in phiếu',
    reprint: 'In lại',
    failed: 'Chưa in được phiếu. Kiểm tra máy in (giấy, dây cáp) rồi bấm In lại.',
  },
  biometric: {
    title: 'Đối chiếu khuôn mặt',
    required: 'Bắt buộc với loại khám này',
    optional: 'Không bắt buộc',
    chipPhoto: 'Ảnh trong chip CCCD',
    noPhoto: 'Chưa có ảnh từ chip. Đặt thẻ CCCD lên đầu đọc để lấy ảnh, hoặc đối chiếu với ảnh in trên thẻ.',
    photoVerified: 'Ảnh đã xác thực chữ ký số',
    photoNotVerified: 'Ảnh chưa xác thực được chữ ký số',
    liveCamera: 'Camera tại quầy',
    cameraUnavailable: 'Không mở được camera. Đối chiếu trực tiếp với người bệnh.',
    question: 'Người trước quầy có đúng là người trong ảnh không?',
    match: 'Đúng người',
    noMatch: 'Không đúng người',
    skip: 'Bỏ qua',
    skipReason: 'Lý do bỏ qua',
    skipConfirm: 'Xác nhận bỏ qua',
    decided: { match: 'Đã xác nhận đúng người', 'no-match': 'Đã ghi nhận: không đúng người', skipped: 'Đã bỏ qua đối chiếu' },
    byAutomation: '(tự động trong chế độ kiểm thử)',
    noMatchAdvice: 'Không dùng thẻ BHYT của người khác: hỏi giấy tờ tuỳ thân khác hoặc báo quản lý.',
    retry: 'Thử lại',
    continueWithout: 'Tiếp tục, không đối chiếu',
    exemptYoungChild: 'Trẻ nhỏ: không cần kiểm tra danh tính (theo cài đặt của quầy).',
  },
  done: {
    title: 'Tiếp đón xong',
    next: 'Người tiếp theo',
    nextShortcut: 'Enter',
  },
  clerkActions: 'Thao tác: {{count}}',
  todaySearch: 'Tìm trong danh sách (số, tên, phòng khám)',
  todayNoMatch: 'Không có lượt khám nào khớp.',
  correct: {
    action: 'Sửa',
    title: 'Sửa quyết định của lượt khám',
    identityNow: 'Kiểm tra danh tính',
    none: 'chưa có',
    identityTo: 'Sửa thành',
    decisions: { match: 'Đúng người', 'no-match': 'Không đúng người', skipped: 'Bỏ qua đối chiếu' },
    reason: 'Lý do sửa (bắt buộc)',
    save: 'Lưu sửa',
    close: 'Đóng',
    takePayment: 'Thu tiền lượt này',
    paid: 'Đã thu tiền · biên lai {{receipt}}',
    waiting: 'Đang chờ thanh toán {{amount}}',
    reopen: 'Hoàn tác xác nhận thanh toán',
    reopenReason: 'Lý do hoàn tác (bắt buộc)',
    reopenSave: 'Hoàn tác',
    reopenBack: 'Thôi',
    reopened: 'Đã hoàn tác xác nhận thanh toán. Lượt khám đang chờ thanh toán: nhấn Enter để thu lại.',
  },
  cancel: {
    action: 'Huỷ lượt',
    reason: 'Lý do huỷ',
    confirm: 'Xác nhận huỷ',
    keep: 'Không huỷ',
    reasons: {
      'patient-left': 'Người bệnh đã về',
      duplicate: 'Đăng ký trùng',
      'wrong-clinic': 'Nhầm phòng khám',
      'clerk-error': 'Quầy nhập sai',
      other: 'Lý do khác',
    },
  },
  clinics: {
    title: 'Phòng khám',
    intro: 'Các phòng khám quầy tiếp đón chỉ định. Mã dịch vụ (theo danh mục dùng chung) cần có để xuất hồ sơ XML0.',
    id: 'Mã',
    name: 'Tên phòng khám',
    room: 'Phòng, tầng',
    serviceCode: 'Mã dịch vụ khám',
    visitTypes: 'Nhận loại khám',
    add: 'Thêm phòng khám',
    remove: 'Xoá',
    save: 'Lưu danh sách phòng khám',
    saved: 'Đã lưu',
    refused: 'Chưa lưu được: sửa các ô được đánh dấu rồi lưu lại.',
    loading: 'Đang tải danh sách phòng khám…',
  },
  desk: {
    title: 'Quầy tiếp đón',
    hospitalName: 'Tên bệnh viện in trên phiếu',
    autoPrint: 'In phiếu ngay khi cấp số',
    printerName: 'Máy in phiếu',
    printerHint: 'Để trống để dùng máy in mặc định. Ứng dụng máy tính in thẳng, không hỏi; chế độ trình duyệt mở hộp thoại in.',
    biometricPolicy: 'Đối chiếu khuôn mặt với ảnh trong chip',
    requirements: { required: 'Bắt buộc', optional: 'Không bắt buộc', off: 'Tắt' },
    visitTypes: { bhyt: 'Khám BHYT', 'fee-paying': 'Khám dịch vụ', 'on-demand': 'Khám theo yêu cầu' },
    retentionDays: 'Giữ ảnh chip và dữ liệu đọc thẻ (ngày)',
    retentionHint: 'Quá số ngày này, ảnh và dữ liệu đọc thẻ bị xoá; chỉ còn ghi nhận đã đọc. 0 = xoá ngay.',
    exemptUnderYears: 'Không kiểm tra danh tính trẻ dưới (tuổi)',
    exemptUnderYearsHint: 'Trẻ chắc chắn nhỏ hơn số tuổi này không phải đối chiếu ảnh. 0 = kiểm tra mọi người.',
    idleSignOutMinutes: 'Tự đăng xuất nhân viên sau (phút)',
    idleSignOutHint: 'Khi không có phím bấm hay cú nhấp chuột nào trong chừng ấy phút, quầy tự đăng xuất; người bệnh đang làm dở vẫn giữ nguyên. 0 = không tự đăng xuất.',
    save: 'Lưu',
    saved: 'Đã lưu',
  },
};
