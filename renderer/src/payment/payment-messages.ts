/** The payment step's and the payment settings' texts, in Vietnamese and English. */
import type { VisitType } from '../../../domain/checkin/index.ts';
import type { PaymentMethod, PaymentStatus } from '../../../domain/payment-api.ts';

// A type alias, not an interface: i18next only walks into types that fit an index signature.
export type PaymentMessages = {
  title: string;
  loading: string;
  amount: string;
  bank: string;
  accountNumber: string;
  accountName: string;
  purpose: string;
  qrLabel: string;
  scanHint: string;
  cashOnly: string;
  statuses: Record<PaymentStatus, string>;
  methods: Record<PaymentMethod, string>;
  confirmedByHis: string;
  confirmedByClerk: string;
  receipt: string;
  receiptNumber: string;
  receiptHint: string;
  confirmTransfer: string;
  takeCash: string;
  submit: string;
  submitShortcut: string;
  cancelForm: string;
  back: string;
  later: string;
  backShortcut: string;
  done: string;
  doneShortcut: string;
  retry: string;
  confirming: string;
  settings: {
    title: string;
    intro: string;
    bank: string;
    chooseBank: string;
    bankUnknown: string;
    accountNumber: string;
    accountName: string;
    accountNameHint: string;
    fees: string;
    feeFor: Record<VisitType, string>;
    feeHint: string;
    allowManualConfirm: string;
    allowCash: string;
    save: string;
    saved: string;
    saveFailed: string;
    loading: string;
  };
};

export const paymentVi: PaymentMessages = {
  title: 'Thu phí khám',
  loading: 'Đang tạo mã QR thanh toán…',
  amount: 'Số tiền',
  bank: 'Ngân hàng',
  accountNumber: 'Số tài khoản',
  accountName: 'Chủ tài khoản',
  purpose: 'Nội dung chuyển khoản',
  qrLabel: 'Mã VietQR thanh toán {{amount}}',
  scanHint: 'Mời người bệnh mở ứng dụng ngân hàng, quét mã và giữ nguyên nội dung chuyển khoản.',
  cashOnly: 'Quầy chưa có tài khoản nhận chuyển khoản: thu tiền mặt.',
  statuses: { waiting: 'Đang chờ tiền về…', paid: 'Đã thanh toán', cancelled: 'Đã huỷ khoản thu', reversed: 'Đã hoàn tác xác nhận thanh toán' },
  methods: { vietqr: 'Chuyển khoản VietQR', cash: 'Tiền mặt' },
  confirmedByHis: 'Hệ thống bệnh viện đã ghi nhận tiền về.',
  confirmedByClerk: 'Nhân viên {{user}} đã xác nhận.',
  receipt: 'Số biên lai',
  receiptNumber: 'Số biên lai',
  receiptHint: 'Nhập số biên lai rồi nhấn Enter.',
  confirmTransfer: 'Đã nhận chuyển khoản',
  takeCash: 'Thu tiền mặt',
  submit: 'Xác nhận đã thu',
  submitShortcut: 'Enter',
  cancelForm: 'Thôi',
  back: 'Quay lại',
  later: 'Thu sau (bệnh nhân trả sau)',
  backShortcut: 'Esc',
  done: 'Tiếp tục',
  doneShortcut: 'Enter',
  retry: 'Thử lại',
  confirming: 'Đang ghi nhận…',
  settings: {
    title: 'Thu phí (VietQR)',
    intro: 'Tài khoản nhận tiền và mức phí theo loại khám. Mã QR hiện cho người bệnh mang số tiền và nội dung có mã lượt khám.',
    bank: 'Ngân hàng nhận',
    chooseBank: '— Chọn ngân hàng —',
    bankUnknown: 'Mã ngân hàng không có trong danh sách NAPAS',
    accountNumber: 'Số tài khoản',
    accountName: 'Tên chủ tài khoản',
    accountNameHint: 'Viết hoa, không dấu, đúng như tên tài khoản tại ngân hàng.',
    fees: 'Phí khám theo loại khám (đồng)',
    feeFor: { bhyt: 'Khám BHYT (đồng chi trả, thường 0)', 'fee-paying': 'Khám dịch vụ (thu phí)', 'on-demand': 'Khám theo yêu cầu' },
    feeHint: 'Số nguyên, không dấu chấm. 0 = không thu tại quầy.',
    allowManualConfirm: 'Cho phép nhân viên xác nhận đã nhận chuyển khoản',
    allowCash: 'Cho phép thu tiền mặt',
    save: 'Lưu cài đặt thu phí',
    saved: 'Đã lưu cài đặt thu phí.',
    saveFailed: 'Chưa lưu được: kiểm tra các ô được đánh dấu.',
    loading: 'Đang tải cài đặt thu phí…',
  },
};
