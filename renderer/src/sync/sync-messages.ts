/** The HIS sync indicator's and the HIS settings' texts, in Vietnamese and English. */
import { HIS_FAILURE_CODES } from '../../../domain/sync-api.ts';

/** Reasons the sync gives: the HIS failure codes, and INTERNAL for a fault of our own. */
export const SYNC_REASONS = [...HIS_FAILURE_CODES, 'INTERNAL'] as const;
export type SyncReason = (typeof SYNC_REASONS)[number];

export function isSyncReason(code: string): code is SyncReason {
  return (SYNC_REASONS as readonly string[]).includes(code);
}

// A type alias, not an interface: i18next only walks into types that fit an index signature.
export type SyncMessages = {
  indicator: {
    label: string;
    off: string;
    synced: string;
    pending: string;
    attention: string;
    lastSuccess: string;
    never: string;
    offHint: string;
    pendingHint: string;
    attentionHint: string;
    unknown: string;
    unknownHint: string;
  };
  reasons: Record<SyncReason, string>;
  kinds: { checkin: string; change: string; other: string };

};

/** The HIS section's texts in the settings. */
export type HisSettingsMessages = {
  title: string;
  intro: string;
  loading: string;
  baseUrl: string;
  baseUrlHint: string;
  authKind: string;
  authKinds: { none: string; bearer: string; basic: string };
  user: string;
  token: string;
  password: string;
  secretSet: string;
  secretNotSet: string;
  removeSecret: string;
  caPem: string;
  caPemHint: string;
  timeoutMs: string;
  save: string;
  saved: string;
  saveFailed: string;
  test: string;
  testing: string;
  testOk: string;
  testFailed: string;
  testedUnsaved: string;
  queueTitle: string;
  queueSummary: string;
  noneStuck: string;
  stuckIntro: string;
  visit: string;
  attempts: string;
  since: string;
  reason: string;
  retry: string;
  retryAll: string;
  retried: string;
};

export const syncVi: SyncMessages = {
  indicator: {
    label: 'Đồng bộ HIS',
    off: 'Chưa nối HIS',
    unknown: 'HIS: chưa rõ',
    unknownHint: 'Mất kết nối với dịch vụ TiepDon: chưa biết HIS đang thế nào.',
    synced: 'Đã gửi HIS',
    pending: 'Chờ gửi HIS: {{count}}',
    attention: 'Cần kiểm tra: {{count}}',
    lastSuccess: 'Lần gửi được gần nhất: {{time}}',
    never: 'Chưa gửi được lần nào',
    offHint: 'Quầy làm việc độc lập. Bộ phận IT đặt địa chỉ HIS trong Cài đặt (F10).',
    pendingHint: 'Tiếp đón vẫn làm bình thường; lượt khám sẽ tự gửi khi HIS trả lời.',
    attentionHint: 'HIS từ chối một số mục. Báo bộ phận IT kiểm tra trong Cài đặt (F10) → HIS.',
  },
  reasons: {
    HIS_UNREACHABLE: 'Không kết nối được HIS',
    HIS_CERTIFICATE_UNTRUSTED: 'Chứng chỉ của HIS chưa được tin cậy: dán chứng chỉ CA của bệnh viện vào cài đặt HIS',
    HIS_TIMEOUT: 'HIS không trả lời kịp',
    HIS_SERVER_ERROR: 'HIS đang gặp lỗi',
    HIS_RATE_LIMITED: 'HIS yêu cầu gửi chậm lại',
    HIS_VERSION_CONFLICT: 'Hồ sơ trên HIS vừa thay đổi',
    HIS_REJECTED: 'HIS từ chối dữ liệu',
    HIS_UNAUTHORISED: 'HIS từ chối thông tin đăng nhập',
    HIS_NOT_FOUND: 'HIS không có hồ sơ này',
    HIS_AMBIGUOUS: 'HIS có nhiều hồ sơ trùng mã',
    HIS_MALFORMED_REPLY: 'HIS trả lời sai định dạng',
    HIS_NOT_CONFIGURED: 'Chưa đặt địa chỉ HIS',
    HIS_CREDENTIALS_UNREADABLE: 'Không đọc được mã truy cập hoặc mật khẩu HIS đã lưu: bộ phận IT nhập lại trong cài đặt HIS',
    HIS_BAD_PAYLOAD: 'Dữ liệu trong hàng đợi bị hỏng',
    HIS_INSECURE_ADDRESS: 'Địa chỉ HIS đang là http:// nên không được dùng: bộ phận IT nhập lại địa chỉ https:// trong cài đặt HIS',
    INTERNAL: 'Lỗi không mong đợi của phần mềm',
  },
  kinds: { checkin: 'Tiếp đón', change: 'Thay đổi lượt khám', other: 'Khác' },

};
