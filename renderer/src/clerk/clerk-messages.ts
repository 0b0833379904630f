/** Texts of the clerk sign-in, the clerk in the top bar, and the clerk list in the settings. */

/** A type, not an interface: i18next walks only into types with an implicit index signature. */
export type ClerkMessages = {
  title: string;
  intro: string;
  scanRefused: string;
  idleSignedOut: string;
  clerk: string;
  pin: string;
  signIn: string;
  signingIn: string;
  attemptsLeft: string;
  lockedUntil: string;
  demoHint: string;
  noClerks: string;
  firstClerk: string;
  firstClerkHint: string;
  askIt: string;
  code: string;
  name: string;
  osAccount: string;
  osAccountHint: string;
  newPin: string;
  newPinHint: string;
  pinRule: string;
  fieldsNeeded: string;
  signedInAs: string;
  switch: string;
  settings: {
    title: string;
    intro: string;
    item: string;
    add: string;
    remove: string;
    save: string;
    saving: string;
    saved: string;
    none: string;
  };
};

export const clerkVi: ClerkMessages = {
  title: 'Đăng nhập quầy tiếp đón',
  intro: 'Chọn tên của bạn và nhập mã PIN. Mọi việc bạn làm ở quầy sẽ được ghi tên bạn.',
  scanRefused: 'Chưa đăng nhập nên mã vừa quét đã bị bỏ qua, không lưu lại. Đăng nhập rồi quét lại.',
  idleSignedOut: 'Quầy đã tự đăng xuất sau {{count}} phút không thao tác. Người bệnh đang làm dở vẫn được giữ nguyên.',
  clerk: 'Nhân viên',
  pin: 'Mã PIN',
  signIn: 'Đăng nhập',
  signingIn: 'Đang kiểm tra…',
  attemptsLeft: 'Còn {{count}} lần thử trước khi tài khoản bị tạm khoá.',
  lockedUntil: 'Tạm khoá đến {{time}}.',
  demoHint: 'Chế độ demo: {{clerks}}.',
  noClerks: 'Quầy này chưa có nhân viên nào.',
  firstClerk: 'Thêm nhân viên đầu tiên',
  firstClerkHint: 'Nhân viên sau được thêm trong Cài đặt (F10) → Nhân viên.',
  askIt: 'Nhờ bộ phận CNTT thêm nhân viên trong Cài đặt (F10) → Nhân viên.',
  code: 'Mã nhân viên',
  name: 'Họ và tên',
  osAccount: 'Tài khoản máy tính (tự đăng nhập)',
  osAccountHint: 'Để trống nếu nhân viên đăng nhập bằng mã PIN.',
  newPin: 'Mã PIN mới',
  newPinHint: 'Để trống để giữ mã PIN hiện tại.',
  pinRule: 'Mã PIN gồm 4–12 chữ số.',
  fieldsNeeded: 'Nhập mã nhân viên và họ tên.',
  signedInAs: 'Nhân viên: {{name}}',
  switch: 'Đổi',
  settings: {
    title: 'Nhân viên',
    intro: 'Những người được đăng nhập ở quầy này. Mã PIN chỉ được lưu dưới dạng băm; nhân viên bị xoá sẽ không đăng nhập được nữa.',
    item: 'Nhân viên {{number}}',
    add: 'Thêm nhân viên',
    remove: 'Xoá',
    save: 'Lưu danh sách nhân viên',
    saving: 'Đang lưu…',
    saved: 'Đã lưu danh sách nhân viên.',
    none: 'Chưa có nhân viên nào.',
  },
};
