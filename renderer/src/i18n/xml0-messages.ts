/** Texts of the IT section that exports a visit's XML0 check-in record. */
export type Xml0Messages = {
  title: string;
  intro: string;
  facilityCode: string;
  facilityHint: string;
  save: string;
  saved: string;
  noVisits: string;
  export: string;
  exported: string;
  incomplete: string;
  warnings: string;
};

export const xml0Vi: Xml0Messages = {
  title: 'Hồ sơ XML0 (check-in BHYT)',
  intro: 'Xuất hồ sơ XML0 theo QĐ 4750/3176 của một lượt khám hôm nay để gửi lên cổng giám định BHYT hoặc kiểm tra.',
  facilityCode: 'Mã cơ sở KCB (MA_CSKCB)',
  facilityHint: '5 ký tự, ví dụ 01013. Cần có trước khi xuất XML0.',
  save: 'Lưu mã cơ sở',
  saved: 'Đã lưu',
  noVisits: 'Hôm nay chưa có lượt khám nào để xuất.',
  export: 'Xuất XML0',
  exported: 'Đã xuất {{file}}',
  incomplete: 'Chưa xuất được: hồ sơ còn thiếu hoặc sai các mục sau. Bổ sung rồi xuất lại.',
  warnings: 'Nên kiểm tra lại:',
};
